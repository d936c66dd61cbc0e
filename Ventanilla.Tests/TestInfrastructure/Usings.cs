// The namespaces nearly every test file uses, written once here rather than at the top of each. The files the
// benchmarks compile too (TestApp, AppServer, Chromium, LegacyFiles) keep their own usings.
global using Bunit;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Ventanilla.Data;
global using Ventanilla.Features.Accounts;
global using Ventanilla.Features.Admin;
global using Ventanilla.Features.Maintenance;
global using Ventanilla.Features.Deadlines;
global using Ventanilla.Features.Petitions;
global using Ventanilla.Features.Reception;
global using Ventanilla.Features.Shared;
global using Ventanilla.Tests.TestInfrastructure;
