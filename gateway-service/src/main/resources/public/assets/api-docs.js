// Swagger UI over the merged public API (/api/docs). A script file, not inline: the CSP allows no inline script.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({ url: '/api/openapi.yml', dom_id: '#swagger-ui' });
});
