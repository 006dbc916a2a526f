import { ListSkeleton } from "@/components/ListPager";

export default function Loading() {
  return <ListSkeleton title="Accounts" />;
}
