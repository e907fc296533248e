using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Engine;
using PlatformValidation.Fakes.Llm.Generation;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary><c>POST /tokenize</c> (prompt or chat messages) and <c>POST /detokenize</c>, with vLLM's request and response fields.</summary>
public static class TokenizeEndpoints
{
    public static async Task TokenizeAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            var body = await HttpIo.ReadBodyAsync(context, engine.Options.MaxRequestBodyBytes, context.RequestAborted);
            using var document = RequestParser.ParseJson(body);
            var reader = new BodyReader(RequestParser.RequireObject(document.RootElement));
            var model = reader.String("model");
            var returnStrs = reader.Bool("return_token_strs") ?? false;
            List<int> ids;
            if (reader.Has("messages"))
            {
                var addGenerationPrompt = reader.Bool("add_generation_prompt") ?? true;
                var continueFinal = reader.Bool("continue_final_message") ?? false;
                if (addGenerationPrompt && continueFinal && reader.Raw("add_generation_prompt") is not null)
                {
                    throw ApiError.BadRequest("Cannot set both `continue_final_message` and `add_generation_prompt` to True.");
                }

                var chatBody = document.RootElement;
                var request = RequestParser.Parse(ApiKind.Chat, chatBody, engine.Tokenizer, int.MaxValue);
                ids = [.. request.Prompts[0].TokenIds];
                if (!addGenerationPrompt || continueFinal)
                {
                    ids.RemoveRange(Math.Max(0, ids.Count - 4), Math.Min(4, ids.Count));
                }
            }
            else
            {
                var prompt = reader.String("prompt");
                if (prompt is null && reader.Issues.Count == 0)
                {
                    reader.Missing("prompt");
                }

                var addSpecial = reader.Bool("add_special_tokens") ?? true;
                if (reader.Issues.Count > 0)
                {
                    throw ApiError.Validation(reader.Issues);
                }

                ids = addSpecial ? [Tokenizer.SpecialId(Tokenizer.BeginOfText)] : [];
                ids.AddRange(engine.Tokenizer.Encode(prompt!));
            }

            if (reader.Issues.Count > 0)
            {
                throw ApiError.Validation(reader.Issues);
            }

            engine.ResolveModel(model);
            await HttpIo.WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("count", ids.Count);
                w.WriteNumber("max_model_len", engine.Options.MaxModelLen);
                w.WriteStartArray("tokens");
                foreach (var id in ids)
                {
                    w.WriteNumberValue(id);
                }

                w.WriteEndArray();
                if (returnStrs)
                {
                    w.WriteStartArray("token_strs");
                    foreach (var id in ids)
                    {
                        w.WriteStringValue(engine.Tokenizer.Decode(id));
                    }

                    w.WriteEndArray();
                }
                else
                {
                    w.WriteNull("token_strs");
                }

                w.WriteEndObject();
            });
        }
        catch (ApiError error)
        {
            await HttpIo.WriteErrorAsync(context, error);
        }
    }

    public static async Task DetokenizeAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            var body = await HttpIo.ReadBodyAsync(context, engine.Options.MaxRequestBodyBytes, context.RequestAborted);
            using var document = RequestParser.ParseJson(body);
            var reader = new BodyReader(RequestParser.RequireObject(document.RootElement));
            var model = reader.String("model");
            var ids = new List<int>();
            if (!reader.Has("tokens"))
            {
                reader.Missing("tokens");
            }
            else if (reader.Array("tokens") is { } tokens)
            {
                var i = 0;
                foreach (var token in tokens.EnumerateArray())
                {
                    if (reader.AsInt(token, ["body", "tokens", i++]) is { } id)
                    {
                        if (id is < 0 or >= Tokenizer.VocabSize)
                        {
                            throw ApiError.BadRequest($"Token id {id} is out of vocabulary", "tokens");
                        }

                        ids.Add((int)id);
                    }
                }
            }

            if (reader.Issues.Count > 0)
            {
                throw ApiError.Validation(reader.Issues);
            }

            engine.ResolveModel(model);
            var text = engine.Tokenizer.Decode(ids);
            await HttpIo.WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("prompt", text);
                w.WriteEndObject();
            });
        }
        catch (ApiError error)
        {
            await HttpIo.WriteErrorAsync(context, error);
        }
    }
}
