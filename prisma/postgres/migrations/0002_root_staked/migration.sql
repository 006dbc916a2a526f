-- AlterTable
ALTER TABLE "NetworkStat" ADD COLUMN     "rootStaked" TEXT NOT NULL DEFAULT '0';

