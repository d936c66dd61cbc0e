namespace Ventanilla.Features.Petitions;

/// <summary>
/// The kinds written in a petition's history (<c>PetitionEvent.Kind</c>). They are stored as text in every installed
/// database and shown as they are on the timeline, so each is written once, here, and never renamed.
/// </summary>
public static class PetitionEvents
{
    public const string Registered = "Registrada";
    public const string Imported = "Importada";
    public const string Routed = "Turnada";
    public const string ForwardedToAttention = "Turnada a Atención a Usuarios";
    public const string AreaAnswer = "Respuesta de área";
    public const string ProgressRequest = "Seguimiento";
    public const string AreaProgress = "Avance del área";
    public const string Waiting = "Esperando al usuario";
    public const string Resumed = "Reanudada";
    public const string Answering = "En respuesta";
    public const string Draft = "Borrador de respuesta";
    public const string InReview = "En revisión";
    public const string Approved = "Aprobada";
    public const string Returned = "Devuelta";
    public const string Delivered = "Entregada";
    public const string Closed = "Cerrada";
    public const string ClosedWithoutProof = "Cerrada sin acreditación";
    public const string Cancelled = "Cancelada";
    public const string Recalculated = "Vencimiento recalculado";
    public const string Attached = "Documento adjunto";
    public const string AttachmentWithdrawn = "Documento retirado";
    public const string CitizenDelivered = "Entregado por el ciudadano (en línea)";
    public const string CitizenDeliveryRejected = "Entrega en línea rechazada";
    public const string TermExtended = "Plazo ampliado";
    public const string DataRectified = "Datos rectificados";
    public const string DataCancelled = "Datos personales cancelados";
    public const string PadronChecked = "Titularidad según el padrón";
    public const string RetentionEnded = "Datos personales eliminados al terminar su conservación";
}
