package register

import (
	"context"
	_ "embed"
	"html/template"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/i18n"
)

//go:embed letters.html
var lettersHTML string

var lettersTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"t": func(lang i18n.Lang, key string, args ...string) string { return i18n.T(lang, key, args...) },
}).Parse(lettersHTML))

// WriteLetters writes the letters as one printable HTML page, a letter per
// printed page: the unit, each operator's username and one-time password,
// the address of the system and the first-login steps.
func WriteLetters(w io.Writer, lang i18n.Lang, systemURL string, letters []Letter) error {
	p := NewLettersPage(w, lang, systemURL)
	if err := p.Add(letters); err != nil {
		return err
	}
	return p.Close()
}

// LettersPage writes the page of WriteLetters a round of letters at a time
// (IssueLetters), so that a district's letters are never all held.
type LettersPage struct {
	w       io.Writer
	data    lettersData
	started bool
}

type lettersData struct {
	Lang    i18n.Lang
	URL     string
	Letters []Letter
}

// NewLettersPage starts a page of letters on w.
func NewLettersPage(w io.Writer, lang i18n.Lang, systemURL string) *LettersPage {
	return &LettersPage{w: w, data: lettersData{Lang: lang, URL: systemURL}}
}

// Add writes letters (the page's head first).
func (p *LettersPage) Add(letters []Letter) error {
	if !p.started {
		p.started = true
		if err := lettersTmpl.ExecuteTemplate(p.w, "head", p.data); err != nil {
			return err
		}
	}
	p.data.Letters = letters
	err := lettersTmpl.ExecuteTemplate(p.w, "sections", p.data)
	p.data.Letters = nil
	return err
}

// Close ends the page.
func (p *LettersPage) Close() error {
	if err := p.Add(nil); err != nil {
		return err
	}
	return lettersTmpl.ExecuteTemplate(p.w, "foot", p.data)
}

// WriteWorkbook writes the office's record of the operator accounts as an
// .xlsx workbook: unit, username, display name, when the letter was issued
// and whether the first login is done. It holds no password: the letter
// is the only copy (a lost letter is replaced by a password reset).
// Administrators only.
func (s *Service) WriteWorkbook(ctx context.Context, a shebao.Actor, lang i18n.Lang, w io.Writer) error {
	if a.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	var accs []shebao.OperatorAccount
	err := s.Store.View(ctx, func(tx shebao.Tx) (err error) {
		accs, err = tx.OperatorAccounts(ctx, false, 0)
		return err
	})
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := []any{}
	for _, k := range []string{"credit_code", "unit", "username", "display_name", "issued", "first_login"} {
		head = append(head, i18n.T(lang, "golive.book."+k))
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, o := range accs {
		issued, done := "", i18n.T(lang, "golive.book.no")
		if o.Account.PasswordHash != "" {
			issued = o.Account.PasswordSetAt.In(shebao.Office).Format("2006-01-02 15:04")
		}
		if o.Account.PasswordHash != "" && !o.Account.MustChange {
			done = i18n.T(lang, "golive.book.yes")
		}
		cell := "A" + strconv.Itoa(i+2)
		row := []any{o.Unit.CreditCode, o.Unit.Name, o.Account.Username, o.Account.DisplayName, issued, done}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
