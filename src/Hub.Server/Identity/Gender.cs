namespace Hub.Server.Identity;

/// <summary>Gender as the hub API codes it (design: 0 unknown, 1 male, 2 female).</summary>
public enum Gender
{
    Unknown = 0,
    Male = 1,
    Female = 2,
}
