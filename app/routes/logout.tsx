import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "../utils/form.server";
import { signOutAndRedirect } from "../utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return signOutAndRedirect(request);
}
