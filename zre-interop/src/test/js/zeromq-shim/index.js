module.exports = require("zeromq-v6/v5-compat");
