import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MatchList, MatchesCard } from "../../components/match-list";
import { InterestForm, InterestThreads, ResultOwnerActions } from "../../components/result/interests";
import { PatentTable, ResultOverview, TeamCard } from "../../components/result/result-view";
import { FilesSection } from "../../components/ui/attachments";
import { isFormAnswer } from "../../components/ui/form";
import { listDocuments } from "../../models/shared";
import { matchesForResult, getResultPage } from "../../models/result";
import { getDb } from "../../utils/db.server";
import { load, readForm } from "../../web/form.server";
import { paramId } from "../../utils/http.server";
import { getUser, requireUser } from "../../web/session.server";
import { runResultIntent } from "./intents.server";
import { sharedPage } from "../../web/shared-pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.result.title} · 科技成果 · 利州技术转移对接平台` : "科技成果 · 利州技术转移对接平台" },
];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = paramId(params.id);
  const viewer = await getUser(request);
  const page = await load(() => getResultPage(getDb(), viewer, id));
  return json({ ...page, matches: await matchesForResult(getDb(), id), signedIn: viewer != null, files: await listDocuments(getDb(), viewer, "result", id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = paramId(params.id);
  const user = await requireUser(request);
  return runResultIntent(user, id, await readForm(request));
}

export default function ResultPage() {
  const { result, owner, bureau, interestCount, interests, canMarkInterest, signedIn, matches, files } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ResultOverview result={result} />
      <PatentTable patents={result.patents} />
      <FilesSection files={files} />
      <TeamCard result={result} signedIn={signedIn} />
      <MatchesCard title="可能适用的揭榜榜单" note="正在揭榜的榜单中与本成果相关的，按关键词相关度、技术领域、成熟度和价格综合排序。" available={matches != null}>
        <MatchList items={matches ?? []} empty="目前没有与本成果相关的揭榜中榜单。" />
      </MatchesCard>
      {owner ? <ResultOwnerActions result={result} /> : null}
      {canMarkInterest && interests.length === 0 ? <InterestForm answer={isFormAnswer(actionData) ? actionData : undefined} /> : null}
      {interests.length > 0 || interestCount != null ? <InterestThreads interests={interests} interestCount={interestCount} bureau={bureau} /> : null}
    </>
  );
}
