// The namespaces nearly every service uses (the database, its entities, the shared rules), written once here.
global using Microsoft.EntityFrameworkCore;
global using Ventanilla.Data;
global using Ventanilla.Features.Shared;
