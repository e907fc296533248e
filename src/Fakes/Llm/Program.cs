// Standalone entry point of the simulated vLLM/OpenAI endpoint (also reachable as `AppHost fake-llm`).
return 0;
