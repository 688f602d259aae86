// `make bench`: the release binary of venue-audit over a seeded, generated corpus, one child
// process per row, printed as one table of rates, ratios to bare libyaml / libxml2 loops over
// the same bytes, and peak resident memory. See Options.usage for the flags.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "--spawn" {
    Child.runner(CommandLine.arguments.dropFirst(2))
}
let options = Options(CommandLine.arguments)
if let (baseline, paths) = options.baseline {
    baseline.run(paths: paths)
}
var bench = Bench(options: options)
bench.run()
