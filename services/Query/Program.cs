using TokenOptimizer.ServiceDefaults;

// A host with health endpoints for now; its work arrives with its own issue.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgres();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
