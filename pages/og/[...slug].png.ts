/** One 1200×630 social preview PNG per docs page, in the page's language (see site/og/render.ts). */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getCollection } from 'astro:content';
import { ogLocale, ogSlug } from '../../site/og/paths.ts';
import { renderOgPng } from '../../site/og/render.ts';

const SITE = 'kserve-hpa-lab';
const SITE_DESCRIPTION = 'Why KServe deleted user HPAs under autoscalerClass: external, release by release.';

export const getStaticPaths = (async () => {
  const docs = await getCollection('docs');
  return docs.map((entry) => ({
    params: { slug: ogSlug(entry.id) },
    props: {
      title: entry.data.title,
      description: entry.data.description ?? SITE_DESCRIPTION,
      locale: ogLocale(entry.id),
    },
  }));
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) => {
  const png = await renderOgPng({ ...props, site: SITE });
  return new Response(png as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
