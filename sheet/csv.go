package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// ReadCSV streams the records of a CSV upload (UTF-8, with or without a
// byte-order mark, or GB18030 as Excel saves CSV on Chinese systems) to fn,
// within l (zero fields: Default), holding one of the MaxHeavy slots. Row
// numbers are 1-based records. Errors as Book.Rows.
func ReadCSV(data []byte, l Limits, fn func(n int, cells []string) error) error {
	l = l.with()
	if int64(len(data)) > l.File {
		return TooLarge(l.File)
	}
	take()
	defer give()
	var r io.Reader = bytes.NewReader(data)
	if !utf8.Valid(data) {
		r = simplifiedchinese.GB18030.NewDecoder().Reader(r)
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // short rows are checked cell by cell
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	n, filled := 0, 0
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return Unreadable(err)
		}
		n++
		if cells, err = l.row(n, cells); err != nil {
			return err
		}
		if !Blank(cells) {
			if filled++; filled > l.Rows {
				return tooManyRows(l)
			}
		}
		if err := fn(n, append([]string(nil), cells...)); err != nil {
			return err
		}
	}
}
