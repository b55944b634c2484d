// Deployment settings of the console, read before the app starts. In distributed mode, when the
// console is served apart from the gateway, set the gateway's base URL here (no trailing slash).
window.__XIANJIE_GATEWAY__ = window.__XIANJIE_GATEWAY__ || '';
