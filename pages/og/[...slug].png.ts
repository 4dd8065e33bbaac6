/** One 1200×630 social preview PNG per docs page, in the page's language (see site/og/render.ts). */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';
import { ui } from '../../site/i18n/index.ts';
import { ogOutcomes, showsOutcomes } from '../../site/og/outcomes.ts';
import { ogLocale, ogSlug } from '../../site/og/paths.ts';
import { renderOgPng } from '../../site/og/render.ts';

export const getStaticPaths = (async () => {
  const docs = await getCollection('docs');
  return docs.map((entry) => {
    const locale = ogLocale(entry.id);
    return {
      params: { slug: ogSlug(entry.id) },
      props: {
        title: entry.data.title,
        description: entry.data.description ?? ui(locale).site['og.description'],
        locale,
        outcomes: showsOutcomes(entry.id),
      },
    };
  });
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) => {
  const s = ui(props.locale).site;
  const outcomes = props.outcomes ? await ogOutcomes(props.locale) : [];
  const png = await renderOgPng({ title: props.title, description: props.description, locale: props.locale, site: s['og.site'], tagline: s['og.tagline'], outcomes });
  return new Response(png as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
