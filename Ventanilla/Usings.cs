// The namespaces nearly every service uses (the database, its entities, the shared rules, and the cross-cutting
// features: accounts and roles, settings and offices, maintenance's storage faults, the legal clock), written once here.
global using Microsoft.EntityFrameworkCore;
global using Ventanilla.Data;
global using Ventanilla.Features.Accounts;
global using Ventanilla.Features.Admin;
global using Ventanilla.Features.Deadlines;
global using Ventanilla.Features.Maintenance;
global using Ventanilla.Features.Shared;
