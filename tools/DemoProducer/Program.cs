using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenOptimizer.DemoProducer;
using TokenOptimizer.ServiceDefaults;

// `dotnet run --project AppHost -- --demo`: a producer publishing realistic usage over the bus, as a real one would.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddPostgres();
builder.AddBus();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
builder.Services.AddHostedService<DemoTrafficService>();
builder.Build().Run();
