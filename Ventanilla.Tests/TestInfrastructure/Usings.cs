global using Microsoft.Extensions.DependencyInjection;
global using Ventanilla.Tests.TestInfrastructure;
