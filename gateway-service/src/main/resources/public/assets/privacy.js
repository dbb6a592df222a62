// /privacy/delete: email → one-time code → erasure, then its progress until every service confirmed.
const $ = (id) => document.getElementById(id);
const SERVICES = ["gateway-service", "chat-service", "agent-service", "retrieval-service", "artifact-service", "notification-service"];

async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.detail || data.title || `The request failed (HTTP ${response.status}).`);
  }
  return data;
}

function showError(error) {
  $("error").textContent = error ? error.message : "";
  $("error").hidden = !error;
}

function showProgress(erasure) {
  const done = new Set(erasure.confirmed_by || []);
  $("services").replaceChildren(...SERVICES.map((service) => {
    const item = document.createElement("li");
    item.textContent = service;
    item.dataset.done = String(done.has(service));
    return item;
  }));
  const complete = erasure.status === "completed";
  $("progress-title").textContent = complete ? "Your data is erased." : "Erasing…";
  $("progress-detail").textContent = complete
    ? `Every service confirmed (erasure ${erasure.id}).`
    : `Erasure ${erasure.id}: ${done.size} of ${SERVICES.length} services have confirmed. A service that is down does its part when it is back.`;
  return complete;
}

async function follow(id) {
  for (;;) {
    const response = await fetch(`/api/privacy/erasures/${encodeURIComponent(id)}`);
    if (response.ok && showProgress(await response.json())) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

$("request-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError(null);
  try {
    await post("/api/auth/otp/request", { email: $("email").value.trim(), purpose: "delete_data" });
    $("confirm-form").hidden = false;
    $("code").focus();
  } catch (error) {
    showError(error);
  }
});

$("confirm-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showError(null);
  try {
    const erasure = await post("/api/privacy/erasures", { email: $("email").value.trim(), code: $("code").value.trim() });
    $("request-form").hidden = true;
    $("confirm-form").hidden = true;
    $("progress").hidden = false;
    showProgress(erasure);
    await follow(erasure.id);
  } catch (error) {
    showError(error);
  }
});
