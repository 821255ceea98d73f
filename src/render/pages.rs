//! Which pages the archive has, and how each is rendered: article pages, the front page, the
//! date archive (archive, year, month, day) and the 404 page.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Archive, IndexKind, Term};
use crate::write::{Content, OutputFile};

use super::article::article_view;
use crate::dates::{MONTHS, full_date, long_date};

use super::calendar::{CalendarView, day_url, month_calendar, month_url, year_url};
use super::highlight::Highlighter;
use super::indexes::{self, TermLink};
use super::links::{LinkStyle, Links, output_path, rebase, relativize};
use super::templates::Templates;
use super::views::{CardView, LinkView, PageView, Pagination, count_articles};
use super::{api, feeds, jsonld, timeline};

/// One page (or group of files) to render.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    Article(usize),
    /// Page `n` (1-based) of the front page.
    Front(usize),
    Archive,
    Year(i16),
    Month(i16, i8),
    Day(Date),
    NotFound,
    /// The A–Z page of an index.
    Terms(IndexKind),
    /// Page `n` (1-based) of one term (index into the index's terms), with its feed on page 1.
    Term(IndexKind, usize, usize),
    /// The archive-wide feed.
    Feed,
    /// `/api/`: the article list (the index of it, when split), and `archive.sqlite`.
    Api,
    /// One file of the split article list: the `n`th (0-based) of a year's.
    ApiList(i16, usize),
    /// `/annotations/`: every archivist's note.
    Annotations,
    /// `/search/`.
    Search,
}

/// Shared, read-only state of a render.
pub struct Renderer<'a> {
    pub archive: &'a Archive,
    pub config: &'a SiteConfig,
    pub links: Links<'a>,
    pub templates: &'a Templates,
    pub highlighter: Highlighter,
    /// Articles per day, for calendars.
    pub day_counts: BTreeMap<Date, usize>,
    /// Story index by content path ("2021/story.md"), for annotation links.
    pub by_path: HashMap<String, usize>,
    /// The files of the split article list.
    pub list_parts: Vec<api::ListPart>,
}

impl<'a> Renderer<'a> {
    pub fn new(archive: &'a Archive, config: &'a SiteConfig, templates: &'a mut Templates) -> Self {
        let links = Links::new(config, archive);
        let mut years: Vec<i16> = archive.days.keys().map(|d| d.year()).collect();
        years.dedup();
        let years = years
            .iter()
            .rev()
            .map(|y| LinkView {
                title: y.to_string(),
                url: year_url(*y),
            })
            .collect();
        let has_notes = archive.stories.iter().any(|s| !s.article.annotations.is_empty());
        templates.set_global("site", &super::views::SiteView::new(config, &links, years, has_notes));
        let day_counts = archive.days.iter().map(|(d, v)| (*d, v.len())).collect();
        let by_path = archive
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.article.rel.to_string_lossy().replace('\\', "/"), i))
            .collect();
        Renderer {
            archive,
            config,
            links,
            templates,
            highlighter: Highlighter::default(),
            day_counts,
            by_path,
            list_parts: api::list_parts(archive, config),
        }
    }

    /// Every job of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.archive.stories.len()).map(Job::Article).collect();
        let fronts = self.archive.stories.len().div_ceil(self.config.paginate_by).max(1);
        jobs.extend((1..=fronts).map(Job::Front));
        jobs.push(Job::Archive);
        let mut years: Vec<i16> = self.archive.days.keys().map(|d| d.year()).collect();
        years.dedup();
        jobs.extend(years.iter().map(|&y| Job::Year(y)));
        let mut months: Vec<(i16, i8)> = self.archive.days.keys().map(|d| (d.year(), d.month())).collect();
        months.dedup();
        jobs.extend(months.iter().map(|&(y, m)| Job::Month(y, m)));
        jobs.extend(self.archive.days.keys().map(|&d| Job::Day(d)));
        jobs.push(Job::NotFound);
        for (&kind, index) in &self.archive.indexes {
            jobs.push(Job::Terms(kind));
            let per = self.per_term_page(kind);
            for (t, term) in index.terms.iter().enumerate() {
                let pages = term.stories.len().div_ceil(per).max(1);
                jobs.extend((1..=pages).map(|n| Job::Term(kind, t, n)));
            }
        }
        if self.config.feeds.enabled {
            jobs.push(Job::Feed);
        }
        jobs.push(Job::Api);
        jobs.extend(self.list_parts.iter().map(|p| Job::ApiList(p.year, p.n)));
        if self.archive.stories.iter().any(|s| !s.article.annotations.is_empty()) {
            jobs.push(Job::Annotations);
        }
        if self.config.search.enabled {
            jobs.push(Job::Search);
        }
        jobs
    }

    /// Whether a job is part of this archive (the preview server asks before re-rendering).
    pub fn has_job(&self, job: &Job) -> bool {
        let stories = self.archive.stories.len();
        match *job {
            Job::Article(i) => i < stories,
            Job::Front(n) => n >= 1 && n <= stories.div_ceil(self.config.paginate_by).max(1),
            Job::Archive | Job::NotFound | Job::Api => true,
            Job::Year(y) => self.archive.days.keys().any(|d| d.year() == y),
            Job::Month(y, m) => {
                let first = Date::new(y, m, 1).unwrap_or_default();
                self.archive.days.range(first..=first.last_of_month()).next().is_some()
            }
            Job::Day(d) => self.archive.days.contains_key(&d),
            Job::Terms(kind) => self.archive.indexes.contains_key(&kind),
            Job::Term(kind, t, n) => self
                .archive
                .index(kind)
                .and_then(|i| i.terms.get(t))
                .is_some_and(|term| n >= 1 && n <= term.stories.len().div_ceil(self.per_term_page(kind)).max(1)),
            Job::Feed => self.config.feeds.enabled,
            Job::ApiList(year, n) => self.list_part(year, n).is_some(),
            Job::Annotations => self.archive.stories.iter().any(|s| !s.article.annotations.is_empty()),
            Job::Search => self.config.search.enabled,
        }
    }

    /// The file of the split article list the job `ApiList(year, n)` makes.
    pub(super) fn list_part(&self, year: i16, n: usize) -> Option<&api::ListPart> {
        self.list_parts.iter().find(|p| p.year == year && p.n == n)
    }

    pub(super) fn per_term_page(&self, kind: IndexKind) -> usize {
        self.config
            .index_config(kind)
            .paginate_by
            .unwrap_or(self.config.paginate_by)
            .max(1)
    }

    /// Renders one job into its output files.
    pub fn render(&self, job: &Job) -> Result<Vec<OutputFile>, Diagnostic> {
        match job {
            Job::Article(i) => self.article(*i),
            Job::Front(n) => self.front(*n).map(|f| vec![f]),
            Job::Archive => self.archive_page().map(|f| vec![f]),
            Job::Year(y) => self.year(*y).map(|f| vec![f]),
            Job::Month(y, m) => self.month(*y, *m).map(|f| vec![f]),
            Job::Day(d) => self.day(*d).map(|f| vec![f]),
            Job::NotFound => self.not_found().map(|f| vec![f]),
            Job::Terms(kind) => self.terms(*kind).map(|f| vec![f]),
            Job::Term(kind, t, n) => self.term(*kind, *t, *n),
            Job::Feed => {
                let all: Vec<usize> = (0..self.archive.stories.len()).collect();
                let view = feeds::feed(
                    self.archive,
                    &self.links,
                    &all,
                    self.config,
                    feeds::EntryText::Full,
                    self.config.title.clone(),
                    "/",
                    "/feed.xml",
                )
                .map_err(text_error)?;
                self.atom("feed.xml", &view).map(|f| vec![f])
            }
            Job::Api => api::files(self.archive, self.config),
            Job::ApiList(year, n) => match self.list_part(*year, *n) {
                Some(part) => api::list_file(self.archive, self.config, part).map(|f| vec![f]),
                None => Ok(Vec::new()),
            },
            Job::Annotations => self.annotations().map(|f| vec![f]),
            Job::Search => {
                let mut page = self.page("Search the archive".into(), "/search/", "search");
                page.description = format!(
                    "Search the full text of {}, with facets by date, person, place and more.",
                    self.config.title
                );
                page.noindex = true;
                self.html("search.html", page, &mut Context::new()).map(|f| vec![f])
            }
        }
    }

    fn page(&self, title: String, url: &str, kind: &str) -> PageView {
        PageView {
            title,
            description: self.config.description.clone(),
            url: url.to_string(),
            canonical: self.config.absolute(url),
            kind: kind.to_string(),
            ..PageView::default()
        }
    }

    /// Renders a template to the page at `page.url`, with links made relative. Every page's
    /// sharing card has a picture (the site's default unless the page set its own) and every
    /// breadcrumb it shows is also a `BreadcrumbList`.
    fn html(&self, template: &str, mut page: PageView, context: &mut Context) -> Result<OutputFile, Diagnostic> {
        self.complete(&mut page);
        context.insert("page", &page);
        let html = self.templates.render(template, context)?;
        let html = relativize(&html, &page.url, LinkStyle::of(self.config));
        Ok(OutputFile::bytes(output_path(&page.url), html))
    }

    fn complete(&self, page: &mut PageView) {
        if page.image.is_none() {
            page.image = jsonld::site_image(self.config).map(Into::into);
        }
        if !page.breadcrumbs.is_empty() {
            let list = jsonld::breadcrumb_list(&page.breadcrumbs, &page.title, &page.url, self.config);
            page.json_ld.push(jsonld::script_safe(&list));
        }
    }

    fn cards(&self, indexes: &[usize]) -> Vec<CardView<'a>> {
        indexes
            .iter()
            .map(|&i| CardView::new(&self.archive.stories[i]))
            .collect()
    }

    fn article(&self, i: usize) -> Result<Vec<OutputFile>, Diagnostic> {
        // The article's text is read back for its page alone and let go with it.
        let story = &*self.archive.full_story(i).map_err(text_error)?;
        let (view, has_code) = article_view(
            self.archive,
            i,
            story,
            self.config,
            &self.links,
            &self.highlighter,
            &self.by_path,
        );
        let mut page = self.page(view.headline.clone(), &story.url, "article");
        page.description = if view.summary.is_empty() {
            lede(story)
        } else {
            view.summary.clone()
        };
        page.has_code = has_code;
        page.published = Some(view.date_iso.clone());
        page.modified = view.updated_iso.clone();
        page.authors = story.meta.byline.value.clone();
        page.image = jsonld::article_image(story, self.config).map(Into::into);
        page.breadcrumbs = vec![view.year.clone(), view.month.clone(), view.day.clone()];
        let cite = |link: &str| -> Option<jsonld::Cited> {
            if crate::annotate::is_url(link) {
                let url = if link.starts_with('/') {
                    self.config.absolute(link)
                } else {
                    link.to_string()
                };
                return Some(jsonld::Cited { url, headline: None });
            }
            let cited = &self.archive.stories[*self.by_path.get(link.trim_start_matches("content/"))?];
            Some(jsonld::Cited {
                url: self.config.absolute(&cited.url),
                headline: Some(cited.meta.headline.value.clone()),
            })
        };
        let doc = jsonld::news_article(
            story,
            self.config,
            &self.links,
            &view.date_iso,
            view.updated_iso.as_deref(),
            &cite,
        );
        page.json_ld.push(jsonld::script_safe(&doc));
        let mut context = Context::new();
        context.insert("article", &view);
        let folder = output_path(&story.url).trim_end_matches("index.html").to_string();
        let mut files = vec![
            self.html("article.html", page, &mut context)?,
            api::article_json(story, self.config, &folder),
        ];
        if !story.article.annotations.is_empty() {
            let page_url = self.config.absolute(&story.url);
            let link_url = |link: &str| -> Option<String> {
                if crate::annotate::is_url(link) {
                    return Some(if link.starts_with('/') {
                        self.config.absolute(link)
                    } else {
                        link.to_string()
                    });
                }
                self.by_path
                    .get(link.trim_start_matches("content/"))
                    .map(|&j| self.config.absolute(&self.archive.stories[j].url))
            };
            let body = crate::annotate::BodyText::from_html(&view.body_html);
            let doc = crate::annotate::web_annotations(story, &page_url, &body, &self.config.language, &link_url);
            files.push(OutputFile::bytes(
                format!("{folder}annotations.jsonld"),
                serde_json::to_vec_pretty(&doc).unwrap_or_default(),
            ));
        }
        for asset in &story.article.assets {
            files.push(OutputFile {
                path: format!(
                    "{}{}",
                    output_path(&story.url).trim_end_matches("index.html"),
                    asset.name
                ),
                content: Content::Copy(asset.path.clone()),
            });
            // The smaller copies pages show, beside the original, from the derivative cache.
            for d in &asset.derived {
                files.push(OutputFile {
                    path: format!("{folder}{}", d.name(&asset.name)),
                    content: Content::Copy(d.cache.clone()),
                });
            }
        }
        Ok(files)
    }

    fn front(&self, n: usize) -> Result<OutputFile, Diagnostic> {
        let per = self.config.paginate_by;
        let total = self.archive.stories.len().div_ceil(per).max(1);
        let url = if n == 1 { "/".to_string() } else { format!("/page/{n}/") };
        let indexes: Vec<usize> = (0..self.archive.stories.len()).skip((n - 1) * per).take(per).collect();
        let title = if n == 1 {
            self.config.title.clone()
        } else {
            format!("Latest articles, page {n}")
        };
        let mut page = self.page(title, &url, "front");
        page.noindex = n > 1;
        let stories = self.archive.stories.len();
        if n == 1 {
            if page.description.is_empty() {
                page.description = format!("The latest of {} in {}.", count_articles(stories), self.config.title);
            }
            page.json_ld = jsonld::front_page(self.config)
                .iter()
                .map(jsonld::script_safe)
                .collect();
        } else {
            let first = (n - 1) * per + 1;
            page.description = format!(
                "Articles {first} to {} of {stories} in {}, newest first.",
                (n * per).min(stories),
                self.config.title
            );
        }
        let mut context = Context::new();
        context.insert("cards", &self.cards(&indexes));
        context.insert("pagination", &Pagination::new("/", n, total));
        context.insert("total", &self.archive.stories.len());
        if n == 1 {
            let (period, people, places) = self.most_mentioned();
            context.insert("period", &period);
            context.insert("top_people", &people);
            context.insert("top_places", &places);
            context.insert("timeline", &timeline::timeline_html(&self.day_counts));
        }
        self.html("index.html", page, &mut context)
    }

    fn archive_page(&self) -> Result<OutputFile, Diagnostic> {
        #[derive(Serialize)]
        struct YearSummary {
            title: String,
            url: String,
            count: usize,
            months: Vec<MonthSummary>,
        }
        let mut years: BTreeMap<i16, YearSummary> = BTreeMap::new();
        for (date, stories) in &self.archive.days {
            let y = years.entry(date.year()).or_insert_with(|| YearSummary {
                title: date.year().to_string(),
                url: year_url(date.year()),
                count: 0,
                months: Vec::new(),
            });
            y.count += stories.len();
        }
        for (y, summary) in years.iter_mut() {
            summary.months = self.month_summaries(*y);
        }
        let years: Vec<YearSummary> = years.into_values().rev().collect();
        let url = "/archive/";
        let mut page = self.page("Archive".into(), url, "archive");
        let total = self.archive.stories.len();
        page.description = match (years.last(), years.first()) {
            (Some(oldest), Some(newest)) if oldest.title != newest.title => format!(
                "{} of {} by date, {} to {}: calendars of every year and month.",
                count_articles(total),
                self.config.title,
                oldest.title,
                newest.title
            ),
            _ => format!("{} of {} by date.", count_articles(total), self.config.title),
        };
        let mut context = Context::new();
        context.insert("years", &years);
        context.insert("total", &total);
        self.html("archive.html", page, &mut context)
    }

    fn month_summaries(&self, year: i16) -> Vec<MonthSummary> {
        (1..=12)
            .map(|m| {
                let count = self.count_between(Date::new(year, m, 1).unwrap_or_default(), month_end(year, m));
                MonthSummary {
                    title: MONTHS[(m - 1) as usize].to_string(),
                    url: (count > 0).then(|| month_url(year, m)),
                    count,
                }
            })
            .collect()
    }

    fn count_between(&self, from: Date, to: Date) -> usize {
        self.day_counts.range(from..=to).map(|(_, c)| c).sum()
    }

    fn year(&self, year: i16) -> Result<OutputFile, Diagnostic> {
        let calendars: Vec<CalendarView> = (1..=12).map(|m| month_calendar(year, m, &self.day_counts)).collect();
        let years: Vec<i16> = {
            let mut y: Vec<i16> = self.archive.days.keys().map(|d| d.year()).collect();
            y.dedup();
            y
        };
        let pos = years.iter().position(|&y| y == year).unwrap_or(0);
        let link = |y: &i16| LinkView {
            title: y.to_string(),
            url: year_url(*y),
        };
        let url = year_url(year);
        let mut page = self.page(format!("{year}"), &url, "year");
        page.breadcrumbs = vec![LinkView {
            title: "Archive".into(),
            url: "/archive/".into(),
        }];
        let count = calendars.iter().map(|c| c.count).sum::<usize>();
        page.description = format!(
            "{} from {year} in {}, by month and day.",
            count_articles(count),
            self.config.title
        );
        let mut context = Context::new();
        context.insert("year", &year);
        context.insert("calendars", &calendars);
        context.insert("months", &self.month_summaries(year));
        context.insert("count", &count);
        context.insert("prev", &pos.checked_sub(1).and_then(|p| years.get(p)).map(link));
        context.insert("next", &years.get(pos + 1).map(link));
        self.html("year.html", page, &mut context)
    }

    fn month(&self, year: i16, month: i8) -> Result<OutputFile, Diagnostic> {
        #[derive(Serialize)]
        struct DayGroup<'a> {
            title: String,
            url: String,
            iso: String,
            cards: Vec<CardView<'a>>,
        }
        let mut calendar = month_calendar(year, month, &self.day_counts);
        let first = Date::new(year, month, 1).unwrap_or_default();
        let last = month_end(year, month);
        let month_link = |d: &Date| LinkView {
            title: format!("{} {}", MONTHS[(d.month() - 1) as usize], d.year()),
            url: month_url(d.year(), d.month()),
        };
        calendar.prev = self.archive.days.range(..first).next_back().map(|(d, _)| month_link(d));
        calendar.next = self
            .archive
            .days
            .range(last.tomorrow().unwrap_or(last)..)
            .next()
            .map(|(d, _)| month_link(d));
        let days: Vec<DayGroup> = self
            .archive
            .days
            .range(first..=last)
            .rev()
            .map(|(d, stories)| DayGroup {
                title: full_date(*d),
                url: day_url(*d),
                iso: d.to_string(),
                cards: self.cards(stories),
            })
            .collect();
        let url = month_url(year, month);
        let mut page = self.page(calendar.title.clone(), &url, "month");
        page.breadcrumbs = vec![
            LinkView {
                title: "Archive".into(),
                url: "/archive/".into(),
            },
            LinkView {
                title: year.to_string(),
                url: year_url(year),
            },
        ];
        page.description = format!(
            "{} from {} in {}, day by day.",
            count_articles(calendar.count),
            calendar.title,
            self.config.title
        );
        let mut context = Context::new();
        context.insert("calendar", &calendar);
        context.insert("days", &days);
        self.html("month.html", page, &mut context)
    }

    fn day(&self, date: Date) -> Result<OutputFile, Diagnostic> {
        let stories = self.archive.days.get(&date).map(Vec::as_slice).unwrap_or(&[]);
        let link = |d: &Date| LinkView {
            title: long_date(*d),
            url: day_url(*d),
        };
        let prev = self.archive.days.range(..date).next_back().map(|(d, _)| link(d));
        let next = self
            .archive
            .days
            .range(date.tomorrow().unwrap_or(date)..)
            .next()
            .map(|(d, _)| link(d));
        let url = day_url(date);
        let mut page = self.page(full_date(date), &url, "day");
        page.breadcrumbs = vec![
            LinkView {
                title: "Archive".into(),
                url: "/archive/".into(),
            },
            LinkView {
                title: date.year().to_string(),
                url: year_url(date.year()),
            },
            LinkView {
                title: MONTHS[(date.month() - 1) as usize].to_string(),
                url: month_url(date.year(), date.month()),
            },
        ];
        page.description = format!(
            "{} published on {} in {}.",
            count_articles(stories.len()),
            full_date(date),
            self.config.title
        );
        let mut context = Context::new();
        context.insert("date", &full_date(date));
        context.insert("cards", &self.cards(stories));
        context.insert("prev", &prev);
        context.insert("next", &next);
        context.insert("calendar", &month_calendar(date.year(), date.month(), &self.day_counts));
        self.html("day.html", page, &mut context)
    }

    /// The people and places most mentioned in the year up to the newest article.
    fn most_mentioned(&self) -> (String, Vec<TermLink>, Vec<TermLink>) {
        let Some(newest) = self.archive.stories.first().map(|s| s.published.date) else {
            return (String::new(), Vec::new(), Vec::new());
        };
        let since = newest.checked_sub(jiff::Span::new().years(1)).unwrap_or(newest);
        let top = |kind: IndexKind| -> Vec<TermLink> {
            let Some(index) = self.archive.index(kind) else {
                return Vec::new();
            };
            let mut counted: Vec<(usize, &Term)> = index
                .terms
                .iter()
                .map(|t| {
                    (
                        t.stories
                            .iter()
                            .take_while(|&&s| self.archive.stories[s].published.date > since)
                            .count(),
                        t,
                    )
                })
                .filter(|(c, _)| *c > 0)
                .collect();
            counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
            counted
                .into_iter()
                .take(8)
                .map(|(count, t)| TermLink {
                    name: t.name.clone(),
                    label: t.name.clone(),
                    url: self.links.term_slug(kind, &t.slug).unwrap_or_default(),
                    count,
                    see: None,
                })
                .collect()
        };
        (
            format!(
                "{} to {}",
                long_date(since.tomorrow().unwrap_or(since)),
                long_date(newest)
            ),
            top(IndexKind::People),
            top(IndexKind::Places),
        )
    }

    fn terms(&self, kind: IndexKind) -> Result<OutputFile, Diagnostic> {
        let empty = crate::model::Index::default();
        let index = self.archive.index(kind).unwrap_or(&empty);
        let view = indexes::terms_view(kind, index, self.config, &self.links);
        let url = self.links.index(kind).unwrap_or("/").to_string();
        let mut page = self.page(view.title.clone(), &url, "index");
        page.description = format!(
            "{}: every one of the {} in {}, A to Z and most mentioned.",
            view.title, view.total, self.config.title
        );
        let mut context = Context::new();
        context.insert("index", &view);
        self.html("terms.html", page, &mut context)
    }

    fn term(&self, kind: IndexKind, t: usize, n: usize) -> Result<Vec<OutputFile>, Diagnostic> {
        let Some(term) = self.archive.index(kind).and_then(|i| i.terms.get(t)) else {
            return Ok(Vec::new());
        };
        let per = self.per_term_page(kind);
        let total = term.stories.len().div_ceil(per).max(1);
        let stories: Vec<usize> = term.stories.iter().copied().skip((n - 1) * per).take(per).collect();
        let view =
            indexes::term_view(kind, term, &stories, self.archive, self.config, &self.links).map_err(text_error)?;
        let url = if n == 1 {
            view.url.clone()
        } else {
            format!("{}page/{n}/", view.url)
        };
        // A name with pages in two indexes (a photographer in the news) is told apart in
        // titles, where tabs, bookmarks and search results show no heading.
        let name = if term.also.is_empty() {
            term.name.clone()
        } else {
            format!("{} ({})", term.name, view.index_title)
        };
        let title = if n == 1 { name } else { format!("{name}, page {n}") };
        let mut page = self.page(title, &url, "term");
        page.description = term_description(kind, term, self.config);
        page.feed = view.feed_url.as_ref().map(|u| LinkView {
            title: format!("{} — {}", self.config.title, term.name),
            url: u.clone(),
        });
        page.noindex = n > 1;
        page.breadcrumbs = vec![LinkView {
            title: view.index_title.clone(),
            url: view.index_url.clone(),
        }];
        let mut context = Context::new();
        context.insert("term", &view);
        context.insert("cards", &indexes::term_cards(self.archive, &stories));
        context.insert("pagination", &Pagination::new(&view.url, n, total));
        let mut files = vec![self.html("term.html", page, &mut context)?];
        if n == 1
            && let Some(feed_url) = &view.feed_url
        {
            let title = format!("{} — {}", self.config.title, term.name);
            let feed = feeds::feed(
                self.archive,
                &self.links,
                &term.stories,
                self.config,
                feeds::EntryText::Summary,
                title,
                &view.url,
                feed_url,
            )
            .map_err(text_error)?;
            files.push(self.atom(&output_path(feed_url), &feed)?);
        }
        Ok(files)
    }

    fn atom(&self, path: &str, feed: &feeds::FeedView) -> Result<OutputFile, Diagnostic> {
        let mut context = Context::new();
        context.insert("feed", feed);
        Ok(OutputFile::bytes(path, self.templates.render("atom.xml", &context)?))
    }

    /// Every note of the archive by kind, newest article first.
    fn annotations(&self) -> Result<OutputFile, Diagnostic> {
        #[derive(Serialize)]
        struct NoteItem {
            quote: String,
            url: String,
            article_url: String,
            headline: String,
            article_date: String,
            note_html: String,
            author: Option<String>,
            date: Option<String>,
            date_iso: Option<String>,
        }
        #[derive(Serialize)]
        struct KindGroup {
            kind: &'static str,
            label: &'static str,
            notes: Vec<NoteItem>,
        }
        let mut groups: Vec<KindGroup> = crate::model::AnnotationKind::ALL
            .iter()
            .map(|k| KindGroup {
                kind: k.as_str(),
                label: super::notes::kind_label(*k),
                notes: Vec::new(),
            })
            .collect();
        let mut articles = 0;
        for story in &self.archive.stories {
            articles += usize::from(!story.article.annotations.is_empty());
            for a in crate::annotate::reading_order(&story.article.annotations) {
                let Some(group) = groups.iter_mut().find(|g| g.kind == a.kind.as_str()) else {
                    continue;
                };
                group.notes.push(NoteItem {
                    quote: a.quote.clone(),
                    url: format!("{}#annotation-{}", story.url, a.id),
                    article_url: story.url.clone(),
                    headline: story.meta.headline.value.clone(),
                    article_date: long_date(story.published.date),
                    note_html: super::notes::inline_markdown(&a.note),
                    author: a.author.clone(),
                    date: a.date.map(long_date),
                    date_iso: a.date.map(|d| d.to_string()),
                });
            }
        }
        groups.retain(|g| !g.notes.is_empty());
        let total: usize = groups.iter().map(|g| g.notes.len()).sum();
        let url = "/annotations/";
        let mut page = self.page("Archivists' notes".into(), url, "annotations");
        page.description = format!(
            "{} by the archivists of {} on {}: context, corrections, fact checks, translations and links.",
            if total == 1 {
                "1 note".to_string()
            } else {
                format!("{total} notes")
            },
            self.config.title,
            count_articles(articles)
        );
        let mut context = Context::new();
        context.insert("kinds", &groups);
        context.insert("total", &total);
        context.insert("articles", &articles);
        self.html("annotations.html", page, &mut context)
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let mut page = self.page("Page not found".into(), "/404.html", "404");
        page.noindex = true;
        page.description = format!("No page of {} is at this address.", self.config.title);
        self.complete(&mut page);
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert(
            "cards",
            &self.cards(&(0..self.archive.stories.len().min(5)).collect::<Vec<_>>()),
        );
        let html = self.templates.render("404.html", &context)?;
        let html = match LinkStyle::of(self.config) {
            // Served for any missing address, at any depth: links must not be relative. The
            // prefix goes into attributes, so it is escaped like any other value there.
            LinkStyle::Folders => rebase(
                &html,
                &super::highlight::escape_attr(&self.config.base_path()),
                LinkStyle::Folders,
            ),
            // Opened from disk it is only ever at the top of the archive, where a root-relative
            // link would lead to the top of the disk.
            LinkStyle::IndexFiles => relativize(&html, "/404.html", LinkStyle::IndexFiles),
        };
        Ok(OutputFile::bytes("404.html", html))
    }
}

#[derive(Debug, Clone, Serialize)]
struct MonthSummary {
    title: String,
    url: Option<String>,
    count: usize,
}

/// An article's text could not be read back for its page: the build's working file failed.
pub(super) fn text_error(e: crate::model::TextError) -> Diagnostic {
    Diagnostic::error(crate::config::CONFIG_FILE, e.to_string())
}

/// What a term's page is about, for search results and sharing cards.
fn term_description(kind: IndexKind, term: &Term, config: &SiteConfig) -> String {
    let count = count_articles(term.stories.len());
    let site = &config.title;
    let name = &term.name;
    match kind {
        IndexKind::Authors => format!("{count} by {name} in {site}."),
        IndexKind::Photographers => format!("{count} in {site} with pictures by {name}."),
        IndexKind::Agencies => format!("{count} in {site} from or credited to {name}."),
        IndexKind::Tags => format!("{count} in {site} tagged {name}."),
        IndexKind::People | IndexKind::Places | IndexKind::Organizations => {
            format!("{count} in {site} about {name}.")
        }
    }
}

/// The opening of an article without a summary, for its description: its first paragraph of
/// text, cut at a word near 200 characters.
fn lede(story: &crate::model::Story) -> String {
    use crate::model::{BlockKind, BlockRole};
    let roles = &story.extraction.roles;
    let Some(first) = story.article.blocks.iter().enumerate().find_map(|(i, b)| {
        let text = matches!(roles.get(i).copied().unwrap_or(BlockRole::Text), BlockRole::Text)
            && b.kind == BlockKind::Paragraph;
        (text && !b.text.trim().is_empty()).then(|| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
    }) else {
        return story.meta.headline.value.clone();
    };
    const MAX: usize = 200;
    if first.chars().count() <= MAX {
        return first;
    }
    let cut: String = first.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn month_end(year: i16, month: i8) -> Date {
    let first = Date::new(year, month, 1).unwrap_or_default();
    first.last_of_month()
}
