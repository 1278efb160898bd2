/// Something in the settings worth a warning that does not stop the program. The command layer says it.
public enum ConfigurationWarning: Sendable, Equatable {
    /// A `PET_*` name that is no usage-logger setting (a typo, or one from another version), found in the
    /// environment (`file` nil) or in the config file, with the closest known name when there is one.
    case unknownSetting(name: String, file: String?, suggestion: String?)
}
