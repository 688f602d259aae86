public enum VenueAuditMain {
    public static func run() async {}
}
