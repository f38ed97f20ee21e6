// The API reference at /docs: Swagger UI (the copy fastapi-offline ships) over /openapi.json.
// A file of its own, not FastAPI's inline script, so that the page runs under the app's CSP.
window.addEventListener("load", () => {
  SwaggerUIBundle({url: "/openapi.json", dom_id: "#api-docs", deepLinking: true});
});
