import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates topics (broker-default replication) given as name:partitions:cleanup.policy, run as a single-file program by kafka.sh. */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split(":");
            topics.add(new NewTopic(parts[0], Optional.of(Integer.parseInt(parts[1])), Optional.empty())
                    .configs(Map.of("cleanup.policy", parts[2])));
        }
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get();
        }
        topics.forEach(t -> System.err.println("[kafka] created topic " + t.name() + " (" + t.numPartitions() + " partitions)"));
    }
}
