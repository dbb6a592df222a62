// Swagger UI over the merged public API (/api/docs). A script file, not inline: the CSP allows no inline script.
window.addEventListener('DOMContentLoaded', () => {
  // No validator badge: it would load an image from another site, which the page's CSP refuses anyway.
  window.SwaggerUIBundle({ url: '/api/openapi.yml', dom_id: '#swagger-ui', validatorUrl: null });
});
