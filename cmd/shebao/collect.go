package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"shebao"
	"shebao/admin"
	"shebao/collection"
	"shebao/i18n"
	"shebao/sheet"
)

// dueDay is the office's deduction day (SHEBAO_COLLECT_DUE_DAY; 0 takes
// collection.DefaultDueDay).
func dueDay() int {
	n, _ := strconv.Atoi(os.Getenv("SHEBAO_COLLECT_DUE_DAY"))
	return n
}

// runCollect exports a closed month's collection list or imports the
// collector's result file (docs/COLLECTION.md):
//
//	shebao collect export -db URL -period 2026-06 [-format csv|xlsx] [-o FILE]
//	shebao collect import -db URL -period 2026-06 [-apply] FILE
func runCollect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return fmt.Errorf("collect: export or import?")
	}
	fs := flag.NewFlagSet("collect "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL: sqlite:PATH or postgres://… (env SHEBAO_DB)")
	period := fs.String("period", "", "the closed period of the list, e.g. 2026-06 (required)")
	format := fs.String("format", "csv", "export: csv or xlsx")
	out := fs.String("o", "", "export: write to this file instead of stdout")
	apply := fs.Bool("apply", false, "import: apply the file when every line checks (else a dry run)")
	today := fs.String("today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day (env SHEBAO_TODAY)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	a, p, err := openForPeriod(ctx, "collect", *dbURL, *period, *today, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	staff := admin.CommandLine // audited as made from the command line
	s := a.Services.Collection
	if args[0] == "import" {
		return collectImport(ctx, s, staff, p, fs.Arg(0), *apply, stdout)
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	write := s.WriteCSV
	if *format == "xlsx" {
		write = s.WriteXLSX
	}
	t, err := write(ctx, staff, p, w)
	if err != nil {
		return fmt.Errorf("collect export: %s", i18n.Error(i18n.EN, err))
	}
	fmt.Fprintf(stderr, "list %s: %d lines, %s to deduct (late fees %s), due %s\n", p, t.Lines, t.Amount, t.Fee, s.DueDate(p))
	return nil
}

// collectImport checks (and with apply, applies) a result file, printing
// every line's outcome.
func collectImport(ctx context.Context, s *collection.Service, a shebao.Actor, p shebao.Period, name string, apply bool, w io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	data, err := sheet.ReadAll(f, sheet.Default.File)
	f.Close()
	if err != nil {
		return fmt.Errorf("collect import: %s", i18n.Error(i18n.EN, err))
	}
	r, err := s.Import(ctx, a, p, data, apply)
	if err != nil {
		return fmt.Errorf("collect import: %s", i18n.Error(i18n.EN, err))
	}
	for _, o := range r.Rows {
		if o.Err != nil {
			fmt.Fprintf(w, "row %d %s: %s\n", o.Row, o.Err.Field, i18n.Error(i18n.EN, o.Err))
		} else if !r.Replayed {
			fmt.Fprintf(w, "row %d %s %s: %s, collected %s, still owed %s\n", o.Row, o.CreditCode, o.Key, o.Outcome, o.Collected, o.Owed)
		}
	}
	switch {
	case r.Replayed:
		fmt.Fprintf(w, "this file was applied before: nothing changed\n")
	case r.Errors > 0:
		return fmt.Errorf("collect import: %d rows with errors: nothing applied", r.Errors)
	case r.Applied:
		fmt.Fprintf(w, "applied: %d paid, %d in part, %d failed, %s collected\n", r.Paid, r.Partial, r.Failed, r.Collected)
	default:
		fmt.Fprintf(w, "dry run: every row checks (%d paid, %d in part, %d failed); run again with -apply\n", r.Paid, r.Partial, r.Failed)
	}
	return nil
}
