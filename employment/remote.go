package employment

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"shebao"
)

// Remote is a registration source for the handling engine
// (handling.RegistrationSource): a remote employment service, asked over
// HTTP at the moment of handling:
//
//	GET {BaseURL}/registrations?id_number=110105199001011234
//	Authorization: Bearer {Token}
//
// answers 200 with a JSON array of registrations in the push's format
// (RegistrationJSON), or 404 for a person it does not know. Every request
// has a deadline (Timeout); a service that does not answer in time, or
// answers anything else, is unavailable: the caller gets an EREFUSED error
// with ReasonUnavailable, whose message asks to try again later, and must
// write nothing.
type Remote struct {
	BaseURL string
	Token   string
	Timeout time.Duration // per request; DefaultTimeout when 0
	Client  *http.Client  // http.DefaultClient when nil
	Store   shebao.Store  // resolves credit codes and ID numbers to shebao's ids
	Clock   shebao.Clock
	Log     *slog.Logger
}

// DefaultTimeout bounds a request to the remote employment service: the
// handling of an item waits for it, so it must stay short.
const DefaultTimeout = 5 * time.Second

// maxAnswer bounds the body of the remote service's answer.
const maxAnswer = 1 << 20

// Unavailable returns the error of a remote employment service that did not
// answer; cause goes to the log only.
func Unavailable(cause error) error {
	return &shebao.Error{Code: shebao.EREFUSED, Reason: ReasonUnavailable, Err: cause}
}

// Registrations asks the remote service for the person's registrations and
// keeps those with a unit shebao knows, with shebao's unit and person ids.
func (r *Remote) Registrations(ctx context.Context, idNumber string) ([]shebao.Registration, error) {
	recs, err := r.fetch(ctx, idNumber)
	if err != nil {
		r.log().WarnContext(ctx, "employment service unavailable", "url", r.BaseURL, "err", err)
		return nil, Unavailable(err)
	}
	today := shebao.Today(r.clock())
	var regs []shebao.Registration
	err = r.Store.View(ctx, func(tx shebao.Tx) error {
		var personID int64
		p, err := tx.PersonByIDNumber(ctx, idNumber)
		switch {
		case err == nil:
			personID = p.ID
		case shebao.ErrorCode(err) != shebao.ENOTFOUND:
			return err
		}
		for _, rec := range recs {
			// The employment system is no counter: a legacy number it
			// holds is not converted here (docs/RULES.md#identifiers).
			e, rej := ParseRegistrationRow(rec, shebao.Online, today)
			if rej != nil || e.ID.Number != idNumber {
				r.log().WarnContext(ctx, "employment service: registration skipped", "source_id", rec.SourceID, "reject", rej)
				continue
			}
			u, err := tx.UnitByCreditCode(ctx, e.CreditCode)
			if shebao.ErrorCode(err) == shebao.ENOTFOUND {
				continue // a unit shebao does not know cannot handle items
			}
			if err != nil {
				return err
			}
			regs = append(regs, shebao.Registration{SourceID: e.SourceID, PersonID: personID, UnitID: u.ID,
				Start: e.Start, RegisteredOn: e.RegisteredOn, End: e.End})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(regs, func(a, b shebao.Registration) int { return int(b.RegisteredOn - a.RegisteredOn) })
	return regs, nil
}

// fetch asks the remote service, within the deadline.
func (r *Remote) fetch(ctx context.Context, idNumber string) ([]Record, error) {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u := strings.TrimSuffix(r.BaseURL, "/") + "/registrations?" + url.Values{"id_number": {idNumber}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, nil
	default:
		return nil, fmt.Errorf("employment service answered %s", resp.Status)
	}
	var rows []RegistrationJSON
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxAnswer)).Decode(&rows); err != nil {
		return nil, fmt.Errorf("employment service: read answer: %w", err)
	}
	recs := make([]Record, len(rows))
	for i, row := range rows {
		recs[i] = row.Record(i + 1)
	}
	return recs, nil
}

func (r *Remote) log() *slog.Logger {
	if r.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Log
}

func (r *Remote) clock() shebao.Clock {
	if r.Clock == nil {
		return shebao.SystemClock{}
	}
	return r.Clock
}

// RegistrationJSON is one registration in the JSON of the push API and of
// the remote service: the file's columns, dates as YYYY-MM-DD, end "" (or
// absent) while employed.
type RegistrationJSON struct {
	SourceID     string `json:"source_id"`
	IDNumber     string `json:"id_number"`
	Name         string `json:"name"`
	CreditCode   string `json:"credit_code"`
	Start        string `json:"start"`
	RegisteredOn string `json:"registered_on"`
	End          string `json:"end,omitempty"`
}

// Record returns j as the Record of row n.
func (j RegistrationJSON) Record(n int) Record {
	return Record{Row: n, SourceID: j.SourceID, IDNumber: j.IDNumber, Name: j.Name, CreditCode: j.CreditCode,
		Start: j.Start, RegisteredOn: j.RegisteredOn, End: j.End}
}
