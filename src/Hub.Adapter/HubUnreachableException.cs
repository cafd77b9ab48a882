namespace Hub.Adapter;

/// <summary>The hub did not answer over the exchange transport.</summary>
public sealed class HubUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HubUnreachableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the transport's error.</summary>
    public HubUnreachableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
