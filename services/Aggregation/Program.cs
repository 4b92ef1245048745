using TokenOptimizer.Aggregation;
using TokenOptimizer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAggregation();

var app = builder.Build();

app.MapAggregation();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
