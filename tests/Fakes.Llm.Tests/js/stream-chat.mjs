// Streams one chat completion through the official `openai` npm package and prints what it saw as JSON.
// Env: BASE_URL (e.g. http://127.0.0.1:1234/v1), API_KEY, MODEL.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: process.env.API_KEY ?? "none", maxRetries: 0, timeout: 30000 });
const stream = await client.chat.completions.create({
  model: process.env.MODEL,
  messages: [{ role: "user", content: "Say something about streams." }],
  max_tokens: 12,
  stream: true,
  stream_options: { include_usage: true },
});
let content = "";
let chunks = 0;
let finishReason = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  for (const choice of chunk.choices) {
    content += choice.delta?.content ?? "";
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (chunk.usage) usage = chunk.usage;
}
console.log(JSON.stringify({ content, chunks, finishReason, usage }));
