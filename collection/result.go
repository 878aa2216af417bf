package collection

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"shebao"
	"shebao/rules"
	"shebao/sheet"
)

// Outcome is what one row of a result file does (or why it cannot).
type Outcome struct {
	Row        int    // 1-based, the header being row 1
	Key        string // the line's 明细编号
	CreditCode string
	Outcome    string     // shebao.CollectPaid, CollectPartial, CollectFailed; "" when Err
	Collected  shebao.Fen // money collected on the row
	Owed       shebao.Fen // still owed on the line after it
	Reason     string     // the collector's reason of a failure
	Err        *shebao.Error
	unitID     int64
	period     shebao.Period
	itemID     int64
	charges    []rules.Charge // the line's charges (rules.Owed)
	before     shebao.Fen     // principal collected on the line before the row
	line       Owed           // owed on the list's due date before the row
	due        shebao.Date
}

// Report is a result file checked (DryRun) or applied.
type Report struct {
	Period                shebao.Period
	Source                string // the file's SHA-256
	Applied               bool   // written (false for a dry run and for a file with errors)
	Replayed              bool   // the file was applied before: nothing changes
	Rows                  []Outcome
	Errors                int
	Paid, Partial, Failed int
	Collected             shebao.Fen
}

// the columns a result file must have, by header.
const (
	colList, colKey, colCode, colAmount = "托收期", "明细编号", "统一社会信用代码", "应扣金额"
	colResult, colPaid, colReason       = "扣款结果", "实扣金额", "失败原因"
)

// Import checks a result file (CSV or .xlsx, read through package sheet)
// of p's list line by line and, when apply is set and no row has an
// error, records every row in one transaction: all or nothing. The same
// file applied again changes nothing (Replayed). Staff only.
func (s *Service) Import(ctx context.Context, a shebao.Actor, p shebao.Period, data []byte, apply bool) (Report, error) {
	if err := staffOnly(a); err != nil {
		return Report{}, err
	}
	sum := sha256.Sum256(data)
	r := Report{Period: p, Source: hex.EncodeToString(sum[:])}
	rows, err := readRows(data)
	if err != nil {
		return r, err
	}
	run := s.Store.View
	if apply {
		run = s.Store.InTx
	}
	err = run(ctx, func(tx shebao.Tx) error {
		if err := checkClosed(ctx, tx, p, "period"); err != nil {
			return err
		}
		n, err := tx.CollectionSourceLines(ctx, r.Source)
		if err != nil {
			return err
		}
		r.Replayed = n > 0
		if err := s.check(ctx, tx, &r, rows); err != nil {
			return err
		}
		if !apply || r.Errors > 0 || r.Replayed {
			return nil
		}
		r.Applied = true
		return s.apply(ctx, tx, a, &r)
	})
	return r, err
}

// readRows reads every row of an upload by the headers of its first row.
func readRows(data []byte) ([]map[string]string, error) {
	var head []string
	var out []map[string]string
	fn := func(n int, cells []string) error {
		if head == nil {
			head = append([]string(nil), cells...)
			for _, h := range []string{colList, colKey, colCode, colAmount, colResult, colPaid, colReason} {
				if !contains(head, h) {
					return shebao.Invalid("file", ReasonColumnMissing, h)
				}
			}
			return nil
		}
		m := map[string]string{"": strconv.Itoa(n)}
		for i, h := range head {
			if i < len(cells) {
				m[strings.TrimSpace(h)] = strings.TrimSpace(cells[i])
			}
		}
		if !sheet.Blank(cells) && m[colList] != "合计" {
			out = append(out, m)
		}
		return nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		b, err := sheet.Open(data, sheet.Limits{})
		if err != nil {
			return nil, err
		}
		defer b.Close()
		err = b.Rows(b.First(), fn)
		return out, err
	}
	err := sheet.ReadCSV(data, sheet.Limits{}, fn)
	if err == nil && head == nil {
		err = shebao.Invalid("file", ReasonColumnMissing, colKey)
	}
	return out, err
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}
