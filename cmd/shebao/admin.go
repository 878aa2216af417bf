package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"shebao"
	"shebao/admin"
	"shebao/i18n"
	"shebao/sqldb"
)

// runAdmin creates an administrator from the command line, or gives a lost
// one a new one-time password, and prints the password once; or writes the
// operators' letters (runLetters):
//
//	shebao admin create -db URL -username NAME [-name DISPLAY] [-reset]
//	shebao admin letters -db URL -out DIR -url https://…
func runAdmin(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "letters" {
		return runLetters(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(stderr, "usage: shebao admin create -db URL -username NAME [-name DISPLAY] [-reset]\n"+
			"       shebao admin letters -db URL -out DIR -url https://…")
		return fmt.Errorf("admin: want the subcommand create or letters")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL: sqlite:PATH or postgres://… (env SHEBAO_DB)")
	user := fs.String("username", "", "the administrator's username (required)")
	display := fs.String("name", "", "the administrator's display name")
	reset := fs.Bool("reset", false, "the account exists: issue it a new one-time password (a lost administrator)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dbURL == "" || *user == "" {
		return fmt.Errorf("admin create: -db (or SHEBAO_DB) and -username are required")
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &admin.Service{Store: db, Clock: shebao.SystemClock{}}
	is, err := s.CreateAdminFromCommandLine(ctx, *user, *display, *reset)
	if err != nil {
		if c := shebao.ErrorCode(err); c == shebao.EINVALID || c == shebao.ENOTFOUND {
			return fmt.Errorf("admin create: %s", i18n.Error(i18n.EN, err))
		}
		return err
	}
	fmt.Fprintf(stdout, "administrator %s: one-time password %s\n", is.Account.Username, is.Password)
	fmt.Fprintln(stdout, "It is shown only now and must be changed at the first login.")
	return nil
}

// openMigrated opens a database and brings its schema up to date.
func openMigrated(ctx context.Context, url string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
