package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"shebao/sqldb"
)

// errChainBroken makes `shebao audit verify` exit non-zero.
var errChainBroken = errors.New("the audit log's chain is broken")

// runAudit runs `shebao audit verify -db URL`: it walks the audit log's hash
// chains (every chain, docs/SECURITY.md "Tamper evidence") and reports the
// first broken link. It only reads.
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: shebao audit verify -db URL")
		return fmt.Errorf("audit: want the subcommand verify")
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dbURL == "" {
		return fmt.Errorf("audit verify: -db (or SHEBAO_DB) is required")
	}
	db, err := sqldb.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if c.OK() {
		fmt.Fprintf(stdout, "audit log intact: %d entries in %d chains, the last is %d\n", c.Entries, c.Chains, c.LastID)
		return nil
	}
	if c.BrokenID == 0 {
		fmt.Fprintf(stdout, "audit log broken after entry %d (%d entries hold): %s\n", c.LastID, c.Entries, c.Broken)
	} else {
		fmt.Fprintf(stdout, "audit log broken at entry %d (the %d before it hold): %s\n", c.BrokenID, c.Entries, c.Broken)
	}
	return errChainBroken
}
