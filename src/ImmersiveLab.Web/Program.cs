using ImmersiveLab.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseLabDefaults();
builder.Services.AddImmersiveLab(builder.Configuration);

var app = builder.Build();
app.UseImmersiveLab();
app.Run();
