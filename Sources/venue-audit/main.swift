import VenueAuditCommands

await VenueAuditMain.run()
