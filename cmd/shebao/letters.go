package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"shebao"
	"shebao/admin"
	"shebao/i18n"
	"shebao/register"
)

// runLetters issues one-time passwords to every operator account awaiting
// its letter and writes the letters (one printable HTML file) and the
// office's workbook of operator accounts (no passwords) into a folder:
//
//	shebao admin letters -db URL -out DIR -url https://shebao.example.gov.cn [-lang zh]
func runLetters(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("admin letters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbURL := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	out := fs.String("out", "", "the folder to write the letters and the workbook into (required)")
	url := fs.String("url", os.Getenv("SHEBAO_PUBLIC_URL"), "the address of the system printed in the letters (env SHEBAO_PUBLIC_URL)")
	lang := fs.String("lang", "zh", "the letters' language: zh or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" || *out == "" || *url == "" {
		return fmt.Errorf("admin letters: -db, -out and -url (or SHEBAO_PUBLIC_URL) are required")
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &register.Service{Store: db, Clock: shebao.SystemClock{}}
	stamp := time.Now().In(shebao.Office).Format("20060102-150405")
	name := filepath.Join(*out, "letters-"+stamp+".html")
	n, err := issueLetters(ctx, s, name, i18n.Lang(*lang), *url, stderr)
	switch {
	case n > 0:
		fmt.Fprintf(stdout, "%d letters in %s: print them and keep no copy; the passwords are nowhere else\n", n, name)
	case err == nil:
		fmt.Fprintln(stdout, "no operator account awaits a letter")
	}
	if err != nil {
		return err
	}
	book := filepath.Join(*out, "operators-"+stamp+".xlsx")
	if err := writeFile(book, func(w io.Writer) error { return s.WriteWorkbook(ctx, admin.CommandLine, i18n.Lang(*lang), w) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "the office's record of operator accounts (no passwords): %s\n", book)
	return nil
}

// issueLetters issues letters in rounds and writes each round into the
// page as it comes (the file is made at the first round): the letters
// issued before an error are in the file. It returns how many it wrote.
func issueLetters(ctx context.Context, s *register.Service, name string, lang i18n.Lang, url string, progress io.Writer) (int, error) {
	var f *os.File
	var page *register.LettersPage
	n := 0
	for {
		ls, err := s.IssueLetters(ctx, admin.CommandLine, register.MaxLetters, 0)
		if err == nil && len(ls) > 0 && f == nil {
			if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
				page = register.NewLettersPage(f, lang, url)
			}
		}
		if err == nil && len(ls) > 0 {
			err = page.Add(ls)
		}
		if err != nil || len(ls) == 0 {
			if f != nil {
				err = errors.Join(err, page.Close(), f.Close())
			}
			return n, err
		}
		n += len(ls)
		fmt.Fprintf(progress, "  %d letters …\n", n)
	}
}

// writeFile writes a new file (readable by its owner only) with fn.
func writeFile(name string, fn func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
