package serve

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

// Handler returns the HTTP handler serving the current model, the event
// stream and the status. It can be used without Run, with httptest.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+EventsPath, s.serveEvents)
	mux.HandleFunc("GET "+StatusPath, s.serveStatus)
	mux.HandleFunc("/_folio/", http.NotFound)
	mux.HandleFunc("/", s.serveSite)
	if isLoopback(s.opts.Bind) {
		return localOnly(mux)
	}
	return mux
}

// localOnly refuses requests whose Host is not this computer. A server
// bound to 127.0.0.1 is out of other computers' reach, but a web page
// could still reach it through a name it controls that resolves to
// 127.0.0.1 (DNS rebinding) and read the preview, drafts included.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		if !isLoopback(strings.Trim(host, "[]")) {
			http.Error(w, "folio serve answers only to localhost and 127.0.0.1", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.current()
	f, name, redirect, ok, err := st.site.lookup(r.URL.Path)
	switch {
	case err != nil:
		s.renderFailed(w, r, st, err)
	case redirect != "":
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, redirect, http.StatusFound)
	case !ok:
		s.notFound(w, r, st)
	default:
		if f.SourceFS == nil && isHTML(name) {
			f.Data = inject(f.Data, scriptTag(st.build))
		}
		serveFile(w, r, name, f, st.site.built)
	}
}

// serveFile sends one file, with ranges and conditional requests handled
// by http.ServeContent. Every response must be revalidated: the next save
// may change it.
func serveFile(w http.ResponseWriter, r *http.Request, name string, f generator.File, built time.Time) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	if ct := contentType(name); ct != "" {
		h.Set("Content-Type", ct)
	}
	if f.SourceFS == nil {
		http.ServeContent(w, r, name, built, bytes.NewReader(f.Data))
		return
	}
	file, err := f.SourceFS.Open(f.Source)
	if errors.Is(err, fs.ErrNotExist) {
		h.Del("Content-Type")
		http.Error(w, "this file was removed; the site is being rebuilt", http.StatusNotFound)
		return
	}
	if err != nil {
		h.Del("Content-Type")
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		h.Del("Content-Type")
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if rs, ok := file.(io.ReadSeeker); ok {
		http.ServeContent(w, r, name, fi.ModTime(), rs)
		return
	}
	data, err := io.ReadAll(file)
	if err != nil {
		h.Del("Content-Type")
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(data))
}

// types fixes the Content-Type of the files a site usually holds, which
// mime.TypeByExtension leaves to the system's tables (.csv, .md, .yaml and
// office files are missing from some).
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".csv":   "text/csv; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".yaml":  "text/plain; charset=utf-8",
	".yml":   "text/plain; charset=utf-8",
	".xml":   "application/xml",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/vnd.microsoft.icon",
	".pdf":   "application/pdf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx":  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":   "application/msword",
	".xls":   "application/vnd.ms-excel",
	".ppt":   "application/vnd.ms-powerpoint",
	".mp4":   "video/mp4",
	".mp3":   "audio/mpeg",
}

// contentType returns the type of a file by its extension, or "" to let
// http.ServeContent sniff it (LICENSE, NOTICE…).
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

var notFoundPage = template.Must(template.New("404").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Broken}}The site has errors{{else if .Failed}}This page could not be rendered{{else}}Page not found{{end}} · folio serve</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#18181b}code{overflow-wrap:anywhere}li{font-family:ui-monospace,monospace;font-size:.9em;margin:.5em 0}</style>
</head>
<body>
<main>
{{if .Broken -}}
<h1>The site has errors</h1>
<p>The site has not built yet, so there is nothing to show. Fix these problems and save: this page updates by itself.</p>
<ul>{{range .Problems}}<li>{{.}}</li>{{end}}</ul>
{{- else if .Failed -}}
<h1>This page could not be rendered</h1>
<p>Rendering <code>{{.Path}}</code> failed. Fix this and save: the page reloads by itself.</p>
<ul>{{range .Problems}}<li>{{.}}</li>{{end}}</ul>
{{- else -}}
<h1>Page not found</h1>
<p>There is no page at <code>{{.Path}}</code> in this site.</p>
<p><a href="/">Go to the home page</a>, or check the link that led here. A page you just created appears as soon as it is saved.</p>
{{- end}}
</main>
</body>
</html>
`))

// renderFailed answers a page whose layout failed while rendering it (a
// template error shows only when a page is rendered, and the preview
// renders a page when it is asked for): the problem, with the reload
// script, so the page comes back by itself once the layout is fixed.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, st *state, err error) {
	var lines []string
	var de *generator.DiagnosticsError
	if errors.As(err, &de) {
		lines = de.List.Lines(generator.PrintOptions{})
	} else {
		lines = []string{generator.Printable(err.Error())}
	}
	var buf bytes.Buffer
	_ = notFoundPage.Execute(&buf, map[string]any{"Failed": true, "Path": r.URL.Path, "Problems": lines})
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(buf.Bytes(), scriptTag(st.build)))
	}
}

// notFound answers a path with no file. Before any build has succeeded it
// answers every path with the problems instead (503: try again later).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	broken := st.site.model == nil && len(st.problems) > 0
	var buf bytes.Buffer
	_ = notFoundPage.Execute(&buf, map[string]any{
		"Broken":   broken,
		"Path":     r.URL.Path,
		"Problems": st.message().Problems,
	})
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	code := http.StatusNotFound
	if broken {
		code = http.StatusServiceUnavailable
	}
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(buf.Bytes(), scriptTag(st.build)))
	}
}
