package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"shebao/admin"
	"shebao/i18n"
	"shebao/register"
)

// runCheck prints the readiness check (docs/OPERATIONS.md, "Going live")
// and fails when a required item is missing:
//
//	shebao check -db URL [-lang en]
//
// It reads the configuration the server would run with from the same
// environment: SHEBAO_PROOF_KEY, SHEBAO_EMPLOYMENT_URL, SHEBAO_BACKUP_STAMP.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	lang := fs.String("lang", "en", "language of the report: en or zh")
	today := fs.String("today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day (env SHEBAO_TODAY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" {
		return fmt.Errorf("check: -db (or SHEBAO_DB) is required")
	}
	clock, err := (&serveFlags{today: *today}).clock()
	if err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &register.Service{Store: db, Clock: clock}
	cs, err := s.Readiness(ctx, admin.CommandLine, register.Setup{ProofKeys: os.Getenv("SHEBAO_PROOF_KEY"),
		EmploymentURL: os.Getenv("SHEBAO_EMPLOYMENT_URL"), BackupStamp: os.Getenv("SHEBAO_BACKUP_STAMP"),
		PublicURL: os.Getenv("SHEBAO_PUBLIC_URL")})
	if err != nil {
		return err
	}
	l := i18n.Lang(*lang)
	for _, c := range cs {
		fmt.Fprintf(stdout, "%-9s %s: %s\n", checkMark(c), i18n.T(l, "golive.check."+c.Key), checkDetail(l, c))
	}
	if !register.Ready(cs) {
		fmt.Fprintln(stdout, i18n.T(l, "golive.check.not_ready"))
		return fmt.Errorf("check: not ready")
	}
	fmt.Fprintln(stdout, i18n.T(l, "golive.check.ready"))
	return nil
}

func checkMark(c register.Check) string {
	switch {
	case c.OK:
		return "[ok]"
	case c.Required:
		return "[MISSING]"
	}
	return "[advice]"
}

// checkDetail says how a check stands.
func checkDetail(l i18n.Lang, c register.Check) string {
	k := "golive.check." + c.Key + ".missing"
	if c.OK {
		k = "golive.check." + c.Key + ".ok"
	}
	return i18n.T(l, k, c.Args...)
}
