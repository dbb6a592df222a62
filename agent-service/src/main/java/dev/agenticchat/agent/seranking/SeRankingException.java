package dev.agenticchat.agent.seranking;

/** An SE Ranking call failed for good; the message says why, in words fit for the model and the user. */
public class SeRankingException extends RuntimeException {
    public SeRankingException(String message) {
        super(message);
    }
}
