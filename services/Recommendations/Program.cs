using TokenOptimizer.Recommendations;
using TokenOptimizer.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRecommendations();

var app = builder.Build();

app.MapRecommendationEndpoints();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
