package i18n

// Messages of the kiosk in the hall, the receipt, the previews that say a
// refusal first and the batch dry run (package web).
func init() {
	add(
		[3]string{"kiosk.idle_warning", "长时间无操作，本机将在", "Nobody has used this terminal for a while: it logs out in"},
		[3]string{"kiosk.idle_seconds", "秒后自动退出。", "seconds."},
		[3]string{"kiosk.continue", "继续办理", "Continue"},
		[3]string{"kiosk.refusal_next", "本业务提交后将被退回，因此不显示缴费基数和费用。请按上述提示处理后再办理，或点击“返回修改”；如有疑问请到窗口咨询。", "Submitted as it is, this item would be refused, so no base or cost is shown. Do what the message says first, or choose “Back to edit”; ask at the counter if in doubt."},
	)
}
