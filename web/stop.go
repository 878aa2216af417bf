package web

import (
	"net/http"

	"shebao"
	"shebao/handling"
)

// readStop reads the field of a stop (停保): the reason, one of
// shebao.StopReasons.
func readStop(r *http.Request, d *itemFormData, req *handling.Request) error {
	var err error
	if d.StopReason, err = text(r, "stop_reason", maxField); err != nil {
		return err
	}
	for _, s := range shebao.StopReasons {
		if string(s) == d.StopReason {
			req.StopReason = s
			return nil
		}
	}
	return shebao.Invalid("stop_reason", shebao.ReasonUnknownStopReason)
}
