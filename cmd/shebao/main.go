// Command shebao runs the social-insurance self-service handling system.
//
//	shebao demo    [-addr 127.0.0.1:8080] [-data DIR] [-db URL] [-today 2026-07-08]
//	shebao serve   -db URL [-addr :8080]
//	shebao migrate -db URL
//	shebao bill    -db URL -period YYYY-MM [-close]
//	shebao audit   verify -db URL
//	shebao backup  -db URL -out FILE
//	shebao seed    -db URL -persons N -units M -months K
//	shebao import policies -db URL -file YEARS.json
//	shebao import register -db URL -dir FOLDER [-apply]
//	shebao check -db URL
//	shebao admin create -db URL -username NAME [-reset]
//	shebao load    -url URL -c N -d 30s [-mix …] [-rate R] [-baseline] [-raw-db URL]
//	shebao load    -url URL1,URL2 -race P -d 30s
//
// URLs are sqlite:PATH or postgres://…; SHEBAO_DB and SHEBAO_ADDR are the
// fallbacks for -db and -addr.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "shebao:", err)
		os.Exit(1)
	}
}

// usage is printed for no or an unknown subcommand.
const usage = `usage: shebao <command> [flags]

commands:
  demo     create (on first run) and serve a demo district (SQLite, or -db postgres://…)
  serve    serve the system on a database (-db sqlite:PATH | postgres://…)
  migrate  bring a database's schema up to date
  bill     assess a period for the whole district (-period YYYY-MM [-close])
  audit    verify the audit log's hash chain (audit verify -db URL)
  backup   write an online backup (-db URL -out FILE)
  collect  a closed month's collection list (export) and the result file (import)
  seed     build a district of -persons N in -units M with -months K of history in an empty database
  import   import policy years (import policies -file F) or the register (import register -dir D [-apply])
  check    the readiness check before going live (non-zero exit when something required is missing)
  admin    create an administrator with a one-time password (admin create -username NAME)
  load     load a running server over its API and measure (-url URL -c N -d 30s),
           or race approved writes over instances (-url URL1,URL2 -race P -d 30s)
`

// run dispatches a subcommand; it returns when the command is done or ctx
// is cancelled.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "demo":
		return runDemo(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, rest, stdout, stderr)
	case "bill":
		return runBill(ctx, rest, stdout, stderr)
	case "audit":
		return runAudit(ctx, rest, stdout, stderr)
	case "backup":
		return runBackup(ctx, rest, stdout, stderr)
	case "collect":
		return runCollect(ctx, rest, stdout, stderr)
	case "seed":
		return runSeed(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "admin":
		return runAdmin(ctx, rest, stdout, stderr)
	case "load":
		return runLoad(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
