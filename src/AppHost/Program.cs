// The one CLI program. Each subcommand lives in Cli/ and is registered in CommandCatalog.
using PlatformValidation.AppHost.Cli;

return await CommandCatalog.InvokeAsync(args);
