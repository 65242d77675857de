package scoring

import "sync"

// compiledTask is a task with its patterns compiled.
type compiledTask struct {
	task            *Task
	text, welshText patterns
	url, welshURL   patterns
	areas           patterns
	portals         []string
}

// compiledTasks returns the catalogue with its patterns compiled, once.
var compiledTasks = sync.OnceValue(func() []*compiledTask {
	var compiled []*compiledTask
	for _, t := range Tasks {
		ct := &compiledTask{task: t,
			text: compilePatterns(t.Texts), welshText: compilePatterns(t.WelshTexts),
			url: compilePatterns(t.URLs), welshURL: compilePatterns(t.WelshURLs),
			areas: compilePatterns(t.Areas)}
		ct.portals = append(ct.portals, t.Portals...)
		compiled = append(compiled, ct)
	}
	return compiled
})

// Match levels: a match in English ranks above one in Welsh, so that the
// English page of a bilingual site is the task's page and the Welsh one its
// twin.
const (
	levelNone  = 0
	levelWelsh = 1
	levelEn    = 2
)

// textLevel returns how the words of a link text or title match the task.
func (ct *compiledTask) textLevel(ws []string) (int, *pattern) {
	if p := ct.text.match(ws); p != nil {
		return levelEn, p
	}
	if p := ct.welshText.match(ws); p != nil {
		return levelWelsh, p
	}
	return levelNone, nil
}

// urlLevel returns how the words of a URL's last segment match the task.
func (ct *compiledTask) urlLevel(ws []string) int {
	if ct.url.match(ws) != nil {
		return levelEn
	}
	if ct.welshURL.match(ws) != nil {
		return levelWelsh
	}
	return levelNone
}
