// Parses Prometheus text exposition from stdin with parse-prometheus-text-format and prints the families as JSON.
import parsePrometheusTextFormat from "parse-prometheus-text-format";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
try {
  console.log(JSON.stringify(parsePrometheusTextFormat(text)));
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(3);
}
