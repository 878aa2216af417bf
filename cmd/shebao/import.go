package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"shebao"
	"shebao/admin"
	"shebao/billing"
	"shebao/i18n"
	"shebao/register"
)

// runImport imports what an office brings from its old system:
//
//	shebao import policies -db URL -file YEARS.json
//	shebao import register -db URL -dir FOLDER [-apply]
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "policies":
			return runImportPolicies(ctx, args[1:], stdout, stderr)
		case "register":
			return runImportRegister(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintln(stderr, "usage: shebao import policies -db URL -file YEARS.json\n       shebao import register -db URL -dir FOLDER [-apply]")
	return fmt.Errorf("import: want policies or register")
}

// runImportPolicies stores the policy years of a file (docs/BILLING.md) in
// one transaction, as the administrator acting from the command line.
func runImportPolicies(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import policies", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	file := fs.String("file", "", "the policy file: one year's JSON object or an array of years (required)")
	today := fs.String("today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day (env SHEBAO_TODAY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" || *file == "" {
		return fmt.Errorf("import policies: -db (or SHEBAO_DB) and -file are required")
	}
	clock, err := (&serveFlags{today: *today}).clock()
	if err != nil {
		return err
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &billing.Service{Store: db, Clock: clock}
	rep, errs := s.ImportPolicyYears(ctx, admin.CommandLine, f)
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, yearMessage(e))
		}
		return fmt.Errorf("import policies: %d problems, nothing saved", len(errs))
	}
	for _, p := range rep.Saved {
		fmt.Fprintf(stdout, "%d saved (version %d)\n", p.Year, p.Version)
	}
	for _, y := range rep.Unchanged {
		fmt.Fprintf(stdout, "%d unchanged\n", y)
	}
	return nil
}

// yearMessage is a problem of a policy file in English, after its year.
func yearMessage(err error) string {
	var ye *billing.YearError
	if shebao.ErrorCode(err) == shebao.EINTERNAL {
		return err.Error()
	}
	if errors.As(err, &ye) {
		return fmt.Sprintf("%d: %s", ye.Year, i18n.Error(i18n.EN, err))
	}
	return i18n.Error(i18n.EN, err)
}

// runImportRegister checks (and with -apply, imports) the register files
// of a folder (docs/MIGRATION.md), as the administrator acting from the
// command line. It fails when any file has an error.
func runImportRegister(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import register", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbURL := fl.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	dir := fl.String("dir", "", "the folder holding units.csv, persons.csv, … (.csv or .xlsx) (required)")
	apply := fl.Bool("apply", false, "import when there is no error (without it: a dry run that writes nothing)")
	today := fl.String("today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day (env SHEBAO_TODAY)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" || *dir == "" {
		return fmt.Errorf("import register: -db (or SHEBAO_DB) and -dir are required")
	}
	clock, err := (&serveFlags{today: *today}).clock()
	if err != nil {
		return err
	}
	files, closeAll, err := registerFiles(*dir)
	if err != nil {
		return err
	}
	defer closeAll()
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &register.Service{Store: db, Clock: clock}
	rep, err := s.Import(ctx, admin.CommandLine, files, *apply)
	if err != nil {
		return err
	}
	printRegister(stdout, rep)
	switch {
	case rep.Errors > 0:
		return fmt.Errorf("import register: %d errors, nothing imported", rep.Errors)
	case rep.Applied:
		if err := db.Analyze(ctx); err != nil {
			return fmt.Errorf("import register: imported, then: %w", err)
		}
		fmt.Fprintln(stdout, "imported.")
	default:
		fmt.Fprintln(stdout, "dry run: nothing written; run again with -apply to import.")
	}
	return nil
}

// registerFiles opens the files of dir named after the register's kinds.
func registerFiles(dir string) ([]register.File, func(), error) {
	var files []register.File
	var open []*os.File
	closeAll := func() {
		for _, f := range open {
			f.Close()
		}
	}
	for _, k := range register.Kinds() {
		for _, ext := range []string{".csv", ".xlsx"} {
			f, err := os.Open(filepath.Join(dir, k+ext))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				closeAll()
				return nil, nil, err
			}
			open = append(open, f)
			files = append(files, register.File{Name: k + ext, Data: f}) // a file: read as a stream (register.File)
		}
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("import register: %s holds none of %v (.csv or .xlsx)", dir, register.Kinds())
	}
	return files, closeAll, nil
}

// printRegister prints a report's counts and problems in English.
func printRegister(w io.Writer, rep register.Report) {
	for _, c := range rep.Files {
		fmt.Fprintf(w, "%-20s read %d: %d new, %d changed, %d unchanged\n", c.File, c.Read, c.Inserted, c.Updated, c.Unchanged)
	}
	for _, p := range rep.Problems {
		kind := "error"
		if p.Warning {
			kind = "warning"
		}
		fmt.Fprintf(w, "%s row %d %s: %s: %s\n", p.File, p.Row, p.Column, kind, i18n.T(i18n.EN, "reason."+p.Reason, p.Args...))
	}
	if n := rep.Errors + rep.Warnings - len(rep.Problems); n > 0 {
		fmt.Fprintf(w, "… and %d more\n", n)
	}
	fmt.Fprintf(w, "%d errors, %d warnings\n", rep.Errors, rep.Warnings)
}
