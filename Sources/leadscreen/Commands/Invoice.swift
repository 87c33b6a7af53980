import ArgumentParser
import LeadScreen

#if canImport(Glibc)
  import Glibc
#endif

extension LeadScreenCommand {
  struct Invoice: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "invoice",
      abstract: "Read verdicts; write what each campaign can bill, and why the rest is disputed.",
      discussion: """
        Reads verdicts as written by 'score' (NDJSON or CSV, decided per file) from \
        FILEs in order (standard input when none or '-'), and the campaigns file. \
        Per campaign: advertiser, currency, accepted and disputed leads, calls and \
        (where the campaign pays per click) clicks, amount due, dispute rate and \
        disputed counts by reason; then totals per currency. Amounts are the sums \
        of the accepted verdicts' prices in decimal, rounded once per line, half-even, \
        to the currency's minor unit. The default format is text, on a terminal or \
        not; scripts should say --format csv or json. A malformed verdict line is \
        reported with its line number on standard error and skipped (exit status 65 \
        at the end); a price that differs from the campaigns file gives a warning.
        """
    )

    @Argument(help: "Verdict files ('-' for standard input).")
    var files: [String] = []

    @Option(help: "The campaigns file (YAML).")
    var campaigns: String = "examples/campaigns.yaml"

    @Option(help: "Output format (text|csv|json|md|html).")
    var format: InvoiceFormat = .text

    @Option(help: "Break each campaign down by this field too (source).")
    var by: InvoiceGrouping?

    @Option(help: "A label for the billed period, printed in the invoice (e.g. 2026-11).")
    var period: String?

    @Option(help: "Write the invoice to this file instead of standard output.")
    var output: String?

    func run() throws {
      throw ExitCode(InvoiceCommand(options: self).execute())
    }
  }
}

/// How `--by` breaks the invoice down.
enum InvoiceGrouping: String, ExpressibleByArgument, CaseIterable {
  case source
}

extension InvoiceFormat: ExpressibleByArgument {}

/// Wires `invoice`: campaigns, inputs, the builder, the output; maps outcomes to exit codes.
struct InvoiceCommand {
  let options: LeadScreenCommand.Invoice

  func execute() -> Int32 {
    Glibc.signal(SIGPIPE, SIG_IGN)
    let book: CampaignBook
    do {
      book = try CampaignBook.load(path: options.campaigns)
    } catch {
      printError(error.description)
      return ExitStatus.badConfiguration
    }
    var inputs: [VerdictInput] = []
    for path in options.files.isEmpty ? ["-"] : options.files {
      do {
        inputs.append(try VerdictInput(path: path))
      } catch {
        printError(error.description)
        return ExitStatus.cannotOpenInput
      }
    }
    var builder = InvoiceBuilder(book: book, period: options.period)
    var malformed = 0
    do throws(VerdictInputError) {
      for input in inputs {
        var reader = input.verdicts()
        reading: while true {
          switch try reader.next() {
          case .end: break reading
          case .verdict(let verdict): builder.add(verdict)
          case .malformed(let error):
            malformed += 1
            printError(error.description)
          }
        }
      }
    } catch {
      printError(error.description)
      return ExitStatus.cannotOpenInput
    }
    let invoice = builder.build()
    for warning in invoice.warnings { printError("warning: \(warning)") }
    if let status = write(invoice.rendered(as: options.format, bySource: options.by == .source)) {
      return status
    }
    if malformed > 0 {
      printError("\(malformed) malformed verdict line(s) skipped")
      return ExitStatus.rejectedRecords
    }
    return ExitStatus.success
  }

  /// Writes the invoice; an exit status when that failed.
  private func write(_ text: String) -> Int32? {
    do throws(OutputError) {
      let sink =
        try options.output.map { path throws(OutputError) in try OutputSink(path: path) }
        ?? OutputSink(fileDescriptor: 1, name: "standard output")
      sink.write(text)
      try sink.flush()
      return nil
    } catch .closedPipe {
      return nil
    } catch {
      printError(error.description)
      return ExitStatus.cannotWriteOutput
    }
  }
}
