/// Where a resolved setting came from; `check-config` prints it next to the value.
public enum ValueOrigin: Sendable, Equatable {
    /// Written in the configuration file (possibly through `${ENV}` substitution).
    case configFile
    /// Taken from this `AIMETER_*` environment variable because the file did not set it.
    case environment(String)
    /// Read from this file through a `...File` key.
    case secretFile(String)
    /// Neither the file nor the environment set it.
    case defaultValue
}
