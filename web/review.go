package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"shebao"
	"shebao/i18n"
	"shebao/review"
)

// queueRow is one waiting item of the review queue, with its age in words.
type queueRow struct {
	review.Entry
	Age       string
	Submitted string
}

// reviewData is the review queue's page.
type reviewData struct {
	Rows    []queueRow
	Target  string
	Late    int // late items on this page
	Type    string
	Types   []shebao.ItemType
	Decided string // the receipt of the item just decided
	Pager   pager
}

// waitText says d in words: "2 分 05 秒", "1 小时 03 分".
func waitText(lang i18n.Lang, d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return i18n.T(lang, "office.review.hm", strconv.Itoa(h), strconv.Itoa(m))
	}
	return i18n.T(lang, "office.review.ms", strconv.Itoa(m), strconv.Itoa(s))
}

// reviewQueue lists the items in review, oldest first (GET /review?type=&page=).
func (h *handler) reviewQueue(w http.ResponseWriter, r *http.Request, u user) error {
	if err := onlyRoles(u, shebao.RoleReviewer, shebao.RoleAdmin); err != nil {
		return err
	}
	lang := h.lang(r)
	d := reviewData{Types: shebao.AllItemTypes}
	var err error
	if d.Type, err = text(r, "type", maxField); err != nil {
		return err
	}
	if d.Decided, err = text(r, "decided", maxField); err != nil {
		return err
	}
	page := pageParam(r)
	q, err := h.svc.Review.List(r.Context(), u.Actor, shebao.ItemType(d.Type), pageSize, (page-1)*pageSize)
	if err != nil {
		return err
	}
	d.Target = waitText(lang, q.Target)
	for _, e := range q.Entries {
		d.Rows = append(d.Rows, queueRow{Entry: e, Age: waitText(lang, e.Age),
			Submitted: e.CreatedAt.In(shebao.Office).Format("01-02 15:04:05")})
		if e.Late {
			d.Late++
		}
	}
	qs := url.Values{}
	if d.Type != "" {
		qs.Set("type", d.Type)
	}
	d.Pager = newPager("/review", qs, page, q.Total)
	v := h.userView(r, u, "office.review.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "review", v)
}

// reviewItemData is the decision page of one item.
type reviewItemData struct {
	formState
	Row    queueRow
	Target string
	View   itemView // the payload, readable
	Reason string
	Open   bool // still in review
}

// reviewItem shows an item with the decision form (GET /review/{id}).
func (h *handler) reviewItem(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderReviewItem(w, r, u, http.StatusOK, reviewItemData{})
}

func (h *handler) renderReviewItem(w http.ResponseWriter, r *http.Request, u user, status int, d reviewItemData) error {
	if err := onlyRoles(u, shebao.RoleReviewer, shebao.RoleAdmin); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := h.svc.Review.Item(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	lang := h.lang(r)
	d.Row = queueRow{Entry: e, Age: waitText(lang, e.Age), Submitted: e.CreatedAt.In(shebao.Office).Format("2006-01-02 15:04:05")}
	d.Target, d.View, d.Open = waitText(lang, h.svc.Review.Target), reviewView(e.Item, lang), e.Status == shebao.StatusInReview
	if h.svc.Review.Target == 0 {
		d.Target = waitText(lang, review.DefaultTarget)
	}
	v := h.userView(r, u, "office.review.item_title")
	v.Data = d
	return h.render(w, r, status, "review_item", v)
}

// reviewDecide approves or returns an item (POST /review/{id}). A conflict
// (decided by someone else, withdrawn) and a missing reason are shown on the
// item's page.
func (h *handler) reviewDecide(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var d reviewItemData
	if d.Reason, err = text(r, "reason", review.MaxReason); err != nil {
		return h.reviewFormError(w, r, u, d, err)
	}
	action := r.PostForm.Get("action")
	if action != "approve" && action != "return" {
		return errBadForm
	}
	it, err := h.svc.Review.Decide(r.Context(), u.Actor, review.Decision{ItemID: id, Approve: action == "approve", Reason: d.Reason})
	if err != nil {
		return h.reviewFormError(w, r, u, d, err)
	}
	http.Redirect(w, r, "/review?decided="+url.QueryEscape(it.Receipt), http.StatusSeeOther)
	return nil
}

func (h *handler) reviewFormError(w http.ResponseWriter, r *http.Request, u user, d reviewItemData, err error) error {
	status := http.StatusUnprocessableEntity
	switch shebao.ErrorCode(err) {
	case shebao.ECONFLICT:
		status = http.StatusConflict
		d.Message = i18n.Error(h.lang(r), err)
	case shebao.EINVALID, shebao.EREFUSED:
		d.setError(h.lang(r), err, "reason")
	default:
		return err
	}
	return h.renderReviewItem(w, r, u, status, d)
}
