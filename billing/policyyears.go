package billing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"

	"shebao"
)

// Reasons of the import of policy years, with messages in i18n/golive.go.
const (
	ReasonPolicyYearInForce  = "POLICY_YEAR_IN_FORCE"  // arg: the year; its stored policy differs and may not change
	ReasonPolicyYearTwice    = "POLICY_YEAR_TWICE"     // arg: the year, given twice in one file
	ReasonPolicyYearTooLate  = "POLICY_YEAR_TOO_LATE"  // arg: the newest year a file may hold
	ReasonPolicyYearsMissing = "POLICY_YEARS_NO_YEARS" // the list is empty
)

// YearError is a problem of one year of a file of policy years. It unwraps
// to the problem itself; pages and the command line put the year before
// its message.
type YearError struct {
	Year int
	Err  error
}

func (e *YearError) Error() string { return fmt.Sprintf("%d: %v", e.Year, e.Err) }
func (e *YearError) Unwrap() error { return e.Err }

// YearsReport says what an import of policy years did, year by year.
type YearsReport struct {
	Saved     []shebao.Policy // new versions stored
	Unchanged []int           // years whose stored policy is the one in the file
}

// DecodePolicyYears reads a policy file holding one year (a JSON object, as
// DecodePolicyFile) or several (a JSON array of such objects).
func DecodePolicyYears(r io.Reader) ([]PolicyForm, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxPolicyFile+1))
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) == 0 || t[0] != '[' {
		f, err := DecodePolicyFile(bytes.NewReader(b))
		return []PolicyForm{f}, err
	}
	if len(b) > MaxPolicyFile {
		return nil, shebao.Invalid("file", shebao.ReasonFileTooLarge, strconv.Itoa(MaxPolicyFile))
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var fs []PolicyForm
	if err := d.Decode(&fs); err != nil {
		return nil, shebao.Invalid("file", shebao.ReasonFileMalformed, jsonDetail(err))
	}
	if d.More() {
		return nil, shebao.Invalid("file", shebao.ReasonFileMalformed, "more than one JSON value")
	}
	return fs, nil
}

// ImportPolicyYears reads a file of one or more years' policies
// (DecodePolicyYears) and stores them in one transaction, with an audit
// entry per year saved: the past years back-pay may reach, this year and
// next year, as an office going live brings them from its old system. A
// year is saved when it has no policy yet, or when it is next year (which
// admins may edit) and differs from the stored one; a year whose stored
// policy is the file's is left alone, so importing the same file twice
// changes nothing. It returns every problem, each a *YearError (the
// parse errors of PolicyForm.Policy, ReasonPolicyYearInForce for a year up
// to this one whose stored policy differs, ReasonPolicyYearTwice,
// ReasonPolicyYearTooLate beyond next year), and saves nothing then.
func (s *Service) ImportPolicyYears(ctx context.Context, a shebao.Actor, r io.Reader) (YearsReport, []error) {
	if !isAdmin(a) {
		return YearsReport{}, []error{forbidden()}
	}
	forms, err := DecodePolicyYears(r)
	if err != nil {
		return YearsReport{}, []error{err}
	}
	ps, parseErrs := s.parseYears(forms)
	var rep YearsReport
	var errs []error
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		rep, errs = YearsReport{}, append([]error(nil), parseErrs...)
		for _, p := range ps {
			if err := s.saveYear(ctx, tx, a, p, &rep, &errs); err != nil {
				return err
			}
		}
		if len(errs) > 0 {
			return errRefused
		}
		return nil
	})
	if err == errRefused {
		return YearsReport{}, errs
	}
	if err != nil {
		return YearsReport{}, []error{err}
	}
	return rep, nil
}

// errRefused rolls back a transaction whose problems are reported apart.
var errRefused = fmt.Errorf("refused")

// parseYears parses every form and checks the years: none twice, none
// beyond next year.
func (s *Service) parseYears(forms []PolicyForm) ([]shebao.Policy, []error) {
	if len(forms) == 0 {
		return nil, []error{shebao.Invalid("file", ReasonPolicyYearsMissing)}
	}
	var ps []shebao.Policy
	var errs []error
	seen := map[int]bool{}
	next := s.EditableYear()
	for i, f := range forms {
		p, perrs := f.Policy()
		year := p.Year
		if year == 0 {
			year, _ = strconv.Atoi(string(f.Year))
		}
		if year == 0 {
			year = i + 1 // a form without a readable year is named by its place in the list
		}
		for _, e := range perrs {
			errs = append(errs, &YearError{Year: year, Err: e})
		}
		switch {
		case len(perrs) > 0:
		case seen[p.Year]:
			errs = append(errs, &YearError{Year: year, Err: shebao.Invalid("year", ReasonPolicyYearTwice, strconv.Itoa(year))})
		case p.Year > next:
			errs = append(errs, &YearError{Year: year, Err: shebao.Invalid("year", ReasonPolicyYearTooLate, strconv.Itoa(next))})
		default:
			seen[p.Year] = true
			ps = append(ps, p)
		}
	}
	return ps, errs
}

// saveYear stores one year's policy unless the stored one is the same.
func (s *Service) saveYear(ctx context.Context, tx shebao.Tx, a shebao.Actor, p shebao.Policy, rep *YearsReport, errs *[]error) error {
	old, err := tx.Policy(ctx, p.Year)
	switch {
	case shebao.ErrorCode(err) == shebao.ENOTFOUND:
	case err != nil:
		return err
	case samePolicy(old, p):
		rep.Unchanged = append(rep.Unchanged, p.Year)
		return nil
	case p.Year != s.EditableYear():
		*errs = append(*errs, &YearError{Year: p.Year, Err: shebao.Invalid("year", ReasonPolicyYearInForce, strconv.Itoa(p.Year))})
		return nil
	}
	if err := tx.SavePolicy(ctx, &p); err != nil {
		return err
	}
	rep.Saved = append(rep.Saved, p)
	e := shebao.AuditFor(a, s.Clock.Now(), "policy.save")
	detail, _ := json.Marshal(struct {
		Version int    `json:"version"`
		Via     string `json:"via"`
		PolicyForm
	}{p.Version, "import", FormOf(p)})
	e.Detail = string(detail)
	return tx.Audit(ctx, e)
}

// samePolicy reports whether two policies say the same, whatever their versions.
func samePolicy(a, b shebao.Policy) bool {
	a.Version, b.Version = 0, 0
	return reflect.DeepEqual(a, b)
}
